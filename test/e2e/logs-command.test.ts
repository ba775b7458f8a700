// `vtrain-tui logs` as a script runs it: the built CLI against a shared emulator service started
// with faults (tails dropped every few hundred entries, RESOURCE_EXHAUSTED reads, a rate-limited
// tail that suppresses). Whatever the faults, `logs --follow` prints exactly the entries the
// emulator stored, each once, in order, and exits with the job's outcome.
import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {toLogLine} from '../../source/services/vertex/log-line.js';
import {toRestEntry} from '../../source/services/logs/rest-entry.js';
import type {Clients} from '../../source/services/vertex/clients.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {waitFor} from '../helpers/emulator.js';
import {PARENT, scenarioPool, scenarioRequest} from '../helpers/scenario.js';
import {toProtoValue} from '../../source/core/job-spec/index.js';
import {BIN, connect, FAST_ENV, runCli, tempDataDir} from '../helpers/service.js';

const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');
const FAULTS = JSON.stringify({
  errors: [{method: 'ListLogEntries', code: 'RESOURCE_EXHAUSTED', times: 3}],
  dropTailAfterEntries: 900,
  tailEntriesPerSecond: 700,
});

let dataDir: string;
let clients: Clients;

beforeAll(async () => {
  dataDir = await tempDataDir();
  const started = await runCli(['emulator', 'start', '--data-dir', dataDir], {
    VTRAIN_EMULATOR_FAULTS: FAULTS,
  });
  expect(started.code).toBe(0);
  ({clients} = await connect(dataDir));
  await stagePackageLocally(
    SCENARIO_PACKAGE,
    'gs://staging/scenario-0.1.tar.gz',
    path.join(dataDir, 'buckets'),
  );
}, 60_000);

afterAll(async () => {
  await clients?.close();
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

function logs(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'logs', ...args, '--data-dir', dataDir],
      {env: {...process.env, ...FAST_ENV}, timeout: 120_000, maxBuffer: 256 * 1024 * 1024},
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({code, stdout, stderr});
      },
    );
  });
}

/** Every stored entry of the job as the emulator holds it, in its order. */
async function stored(jobId: string): Promise<Record<string, unknown>[]> {
  const entries: Record<string, unknown>[] = [];
  let pageToken = '';
  do {
    const [page, , response] = await clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `${jobLogFilter(jobId)} AND timestamp>="2000-01-01T00:00:00Z"`,
        orderBy: 'timestamp asc',
        pageSize: 1000,
        pageToken,
      },
      {autoPaginate: false, retry: {retryCodes: [8, 14]} as never},
    );
    entries.push(...(page as Record<string, unknown>[]));
    pageToken = (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '';
  } while (pageToken);
  return entries;
}

const asText = (entries: Record<string, unknown>[]) =>
  entries.map((entry) => {
    const line = toLogLine(entry as never);
    return `[${line.replica}] ${line.message.replace(/\n/g, '\n  ')}`;
  });

async function createJob(args: string[], workers: string[]) {
  const [job] = await clients.jobs.createCustomJob(
    scenarioRequest(args, {workers: {args: workers, count: 2}}) as never,
  );
  return {name: job.name as string, id: (job.name as string).split('/').pop()!};
}

async function finished(name: string) {
  await waitFor(
    async () => {
      const [job] = await clients.jobs.getCustomJob({name});
      return /SUCCEEDED|FAILED|CANCELLED/.test(String(job.state)) ? true : undefined;
    },
    90_000,
    'the job to end',
  );
}

describe('vtrain-tui logs', () => {
  it('--follow prints every stored entry exactly once, in order, and exits 0 when the job succeeds', async () => {
    const job = await createJob(
      ['out:primary up', 'flood:400:5', 'sleep:1.5', 'out:primary done'],
      ['flood:400:5', 'burst:500', 'err:worker warning on stderr'],
    );
    const followed = await logs([job.name, '--follow']);
    expect(followed.stderr).toBe('');
    expect(followed.code).toBe(0);
    const expected = asText(await stored(job.id));
    expect(expected.length).toBeGreaterThan(3 * 2000);
    const printed = followed.stdout.trimEnd().split('\n');
    expect(printed.length).toBe(expected.length);
    expect(printed).toEqual(expected);

    // The same job read afterwards, as JSON in the REST shape: the same entries again.
    const json = await logs([job.name, '--json']);
    expect(json.code).toBe(0);
    const restEntries = (await stored(job.id)).map((entry) => toRestEntry(entry));
    expect(
      json.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(restEntries);
    expect(restEntries[0]).toMatchObject({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
      resource: {type: 'ml_job', labels: {job_id: job.id}},
    });

    // Filters: one replica, a minimum severity, a regular expression; timestamps on request.
    const replica = await logs([job.id, '--project', 'test-project', '--replica', 'workerpool1-1']);
    expect(replica.stdout.trimEnd().split('\n')).toEqual(
      expected.filter((line) => line.startsWith('[workerpool1-1] ')),
    );
    const errors = await logs([job.name, '--severity', 'error', '--timestamps']);
    expect(errors.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^\S+Z \[workerpool1-\d\] worker warning on stderr$/),
      expect.stringMatching(/^\S+Z \[workerpool1-\d\] worker warning on stderr$/),
    ]);
    const grep = await logs([job.name, '--grep', 'flood line 39\\d$']);
    expect(grep.stdout.trimEnd().split('\n')).toHaveLength(3 * 10);
  }, 240_000);

  it('--follow exits 1 when the job fails, after printing its last lines', async () => {
    const job = await createJob(
      ['out:about to fail', 'sleep:1', 'err:Traceback: boom', 'exit:3'],
      ['sleep:30'],
    );
    const followed = await logs([job.name, '--follow']);
    expect(followed.code).toBe(1);
    await finished(job.name);
    expect(followed.stdout.trimEnd()).toEqual(asText(await stored(job.id)).join('\n'));
    expect(followed.stdout).toMatch(/\[workerpool0-0\] Traceback: boom\n/);
    // A multi-line entry continues on indented lines.
    expect(followed.stdout).toMatch(
      /status of 3\. Termination reason: Error\.\n {2}Traceback: boom\n/,
    );
  }, 120_000);

  // A pipeline writes no logs of its own: `logs PIPELINE` reads its backing job's, named in
  // trainingTaskMetadata (a google.protobuf.Value over gRPC, training_pipeline.proto).
  it("prints a training pipeline's logs: its backing custom job's lines", async () => {
    const [created] = await clients.pipelines.createTrainingPipeline({
      parent: PARENT,
      trainingPipeline: {
        displayName: 'logs-of-a-pipeline',
        trainingTaskDefinition:
          'gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml',
        trainingTaskInputs: toProtoValue({
          workerPoolSpecs: [
            scenarioPool(['out:pipeline line one', 'sleep:1', 'out:pipeline line two']) as never,
          ],
        }) as never,
      },
    });
    const name = created.name as string;
    const followed = await logs([name, '--follow']);
    expect(followed.stderr).toBe('');
    expect(followed.code).toBe(0);
    const [pipeline] = await clients.pipelines.getTrainingPipeline({name});
    const backing = (
      pipeline.trainingTaskMetadata as {
        structValue: {fields: Record<string, {stringValue: string}>};
      }
    ).structValue.fields.backingCustomJob!.stringValue;
    const expected = asText(await stored(backing.split('/').pop()!));
    expect(expected).toContain('[workerpool0-0] pipeline line two');
    expect(followed.stdout.trimEnd().split('\n')).toEqual(expected);
    // Read again once it has ended, by its numeric id: the same lines.
    const again = await logs([name.split('/').pop()!, '--project', 'test-project']);
    expect(again.code).toBe(0);
    expect(again.stdout.trimEnd().split('\n')).toEqual(expected);
  }, 120_000);

  it('names the problem with bad input or an unknown job', async () => {
    const bad = await logs(['projects/x/customJobs/1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/JOB "projects\/x\/customJobs\/1" is not a resource name like/);
    const grep = await logs(['1', '--grep', '(']);
    expect(grep.code).toBe(2);
    expect(grep.stderr).toMatch(/--grep "\(" is not a valid regular expression/);
    const missing = await logs(['987654', '--project', 'test-project']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no custom job, tuning job or training pipeline 987654/);
  }, 60_000);
});
