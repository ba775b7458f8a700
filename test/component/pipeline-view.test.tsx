// A training pipeline's dashboard on the screen stack, against a fake API (no backend): before the
// pipeline names its backing job it says it is waiting; once trainingTaskMetadata names one, the
// backing job's replica table and logs appear under the pipeline's own header, and `m` gives the
// logs the whole screen. The fake answers getJob and the Logging calls with canned messages.
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {KeyDispatcher} from '../../source/ui/shell/keys/key-dispatcher.js';
import {AppContext, type AppContextValue} from '../../source/ui/shell/session-context.js';
import {ScreenStack} from '../../source/ui/shell/navigator.js';
import {SCREENS} from '../../source/ui/app/screens.js';
import {BUILTIN_CATALOG} from '../../source/core/job-spec/index.js';
import type {JobKind, ResourceMessage, VertexApi} from '../../source/services/vertex/api.js';
import type {Session} from '../../source/services/backend/session.js';

const PARENT = 'projects/p/locations/us-central1';
const PIPELINE = `${PARENT}/trainingPipelines/7`;
const BACKING = `${PARENT}/customJobs/42`;
const seconds = (s: number) => ({seconds: String(1_800_000_000 + s), nanos: 0});

let pipelineState = 'PIPELINE_STATE_PENDING';
let named = false;
let backingFailures = 0;

function pipeline(): ResourceMessage {
  return {
    name: PIPELINE,
    displayName: 'pipe',
    state: pipelineState,
    createTime: seconds(0),
    ...(pipelineState !== 'PIPELINE_STATE_PENDING' && {startTime: seconds(1)}),
    updateTime: seconds(1),
    ...(named && {
      trainingTaskMetadata: {structValue: {fields: {backingCustomJob: {stringValue: BACKING}}}},
    }),
  };
}

const backing: ResourceMessage = {
  name: BACKING,
  displayName: 'pipe-custom-job',
  state: 'JOB_STATE_RUNNING',
  createTime: seconds(1),
  startTime: seconds(2),
  updateTime: seconds(2),
  jobSpec: {
    workerPoolSpecs: [
      {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1},
      {machineSpec: {machineType: 'n1-standard-8'}, replicaCount: 2},
    ],
  },
};

const entry = (id: string, at: number, task: string, text: string) => ({
  insertId: id,
  timestamp: seconds(at),
  severity: 'INFO',
  resource: {type: 'ml_job', labels: {job_id: '42', task_name: task}},
  textPayload: text,
});

function fakeSession(): Session {
  const api = {
    jobs: {
      getJob: async (kind: JobKind, name: string) => {
        if (kind === 'pipeline' && name === PIPELINE) return pipeline();
        if (kind === 'custom' && name === BACKING) {
          if (backingFailures-- > 0) throw new Error('UNAVAILABLE: \u001b[2Jconnection reset');
          return backing;
        }
        throw new Error(`no ${kind} ${name}`);
      },
      cancelJob: async () => undefined,
    },
    logging: {
      listLogEntries: async (request: {orderBy: string}) => ({
        entries:
          request.orderBy === 'timestamp desc'
            ? [
                entry('b', 4, 'workerpool1-1', 'worker says hi'),
                entry('a', 3, 'workerpool0-0', 'primary says hi'),
              ]
            : [],
        nextPageToken: '',
      }),
      tailLogEntries: () => ({close: () => undefined}),
    },
    datasets: {},
    close: async () => undefined,
  } as unknown as VertexApi;
  return {
    backend: {
      kind: 'vertex',
      project: 'p',
      region: 'us-central1',
      endpoints: {aiplatform: 'x', logging: 'y'},
    },
    api,
  } as unknown as Session;
}

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(frame: () => string | undefined, pattern: RegExp, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!pattern.test(frame() ?? '')) {
    if (Date.now() > deadline) throw new Error(`never showed ${pattern}:\n${frame()}`);
    await tick(50);
  }
  return frame() ?? '';
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('the pipeline dashboard', () => {
  it('waits for the backing job, then shows its replicas and logs under the pipeline header', async () => {
    pipelineState = 'PIPELINE_STATE_PENDING';
    named = false;
    const session = fakeSession();
    const context: AppContextValue = {
      status: {kind: 'ready', session},
      parent: PARENT,
      project: 'p',
      region: 'us-central1',
      readOnly: false,
      catalog: BUILTIN_CATALOG,
      newJobDraft: undefined as never,
    };
    const app = render(
      <KeyDispatcher onQuit={() => undefined}>
        <AppContext.Provider value={context}>
          <ScreenStack
            screens={SCREENS}
            initial={[{name: 'dashboard', params: {kind: 'pipeline', resource: pipeline()}}]}
            columns={150}
            rows={30}
            visible
            onEmpty={() => undefined}
          />
        </AppContext.Provider>
      </KeyDispatcher>,
    );
    unmount = app.unmount;
    const waiting = await until(app.lastFrame, /Waiting for the backing job/);
    expect(waiting).toMatch(
      /pipe · training pipeline · trainingPipelines\/7 · Vertex AI us-central1/,
    );
    expect(waiting).toMatch(/PENDING/);
    // On Vertex the header carries the console URL.
    expect(waiting).toMatch(
      /console\.cloud\.google\.com\/agent-platform\/locations\/us-central1\/training\/7\?project=p/,
    );

    pipelineState = 'PIPELINE_STATE_RUNNING';
    named = true;
    backingFailures = 1;
    // A failed read of the backing job says so (its text made safe) and is retried.
    const failed = await until(app.lastFrame, /could not read the backing job/);
    expect(failed).toMatch(
      /could not read the backing job projects\/p\/locations\/us-central1\/customJobs\/42: UNAVAILABLE: connection reset \(retrying\)/,
    );
    const shown = await until(app.lastFrame, /primary says hi/);
    expect(shown).toMatch(/training pipeline · trainingPipelines\/7 · Vertex AI us-central1/);
    expect(shown).toMatch(
      /pipe-custom-job · custom job · backing job\S* · customJobs\/42 · Vertex AI us-central1/,
    );
    expect(shown).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+running\s+1\s/);
    expect(shown).toMatch(/workerpool1-1\s+workers\s+n1-standard-8\s+running\s+1\s/);
    expect(shown).toMatch(/workerpool1-0\s+workers\s+n1-standard-8\s+starting\s+0\s/);
    expect(shown).toMatch(/\[workerpool1-1\]\s+worker says hi/);
    expect(shown).not.toMatch(/Waiting for the backing job/);

    // m: the logs get the whole screen (the replica table goes), and back.
    app.stdin.write('m');
    const maximised = await until(app.lastFrame, /^(?![\s\S]*REPLICA\s+ROLE)/);
    expect(maximised).toMatch(/primary says hi/);
    app.stdin.write('m');
    await until(app.lastFrame, /REPLICA\s+ROLE/);
  }, 60_000);
});
