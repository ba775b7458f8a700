// Replica exits and restarts as Vertex does them, through the official clients: a worker that
// exits 0 early gets a service entry and the job goes on; a worker killed by SIGSEGV once is
// restarted in place (same name, new pid recorded) and the job succeeds; with retries disabled
// (or a job-level restart asked for, which the emulator does not do) the first crash fails the
// job; after five restarts the next crash fails it; a cancel after a restart leaves no process.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  jobLogLines,
  processesMatching,
  startTestEmulator,
  waitFor,
  type TestEmulator,
} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
let markers: string;
const TERMINAL = /SUCCEEDED|FAILED|CANCELLED/;

beforeAll(async () => {
  env = await startTestEmulator();
  await stageScenario(env);
  markers = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-restart-'));
});
afterAll(async () => {
  await env?.close();
  await fs.rm(markers, {recursive: true, force: true});
});

type Request = ReturnType<typeof scenarioRequest>;

/** Polls the job until its state matches `until`. */
function untilState(name: string, until: RegExp) {
  return waitFor(
    async () => {
      const [job] = await env.clients.jobs.getCustomJob({name});
      return until.test(String(job.state)) ? job : undefined;
    },
    60_000,
    `${name} to match ${until}`,
  );
}

async function run(request: Request, until = TERMINAL) {
  const [created] = await env.clients.jobs.createCustomJob(request as never);
  const name = created.name as string;
  const job = await untilState(name, until);
  return {job, name, id: name.split('/').pop() as string};
}

/** One replica's (by default the service's) entries as "SEVERITY text", oldest first. */
async function messages(id: string, task = 'service'): Promise<string[]> {
  return (await jobLogLines(env.clients, id))
    .filter((line) => line.replica === task)
    .map((line) => `${line.severity} ${line.message}`);
}

const marker = (name: string) => path.join(markers, name);

describe('replica exits and restarts', () => {
  it('logs a worker exiting 0 while the job goes on', async () => {
    const {job, id} = await run(
      scenarioRequest(['sleep:2'], {workers: {args: ['exit:0'], count: 1}}),
    );
    expect(String(job.state)).toBe('JOB_STATE_SUCCEEDED');
    const service = await messages(id);
    const exited = service.indexOf('INFO The replica workerpool1-0 exited with status 0.');
    expect(exited).toBeGreaterThanOrEqual(0);
    expect(exited).toBeLessThan(service.indexOf('INFO Job completed successfully.'));
    // The primary's own exit 0 ends the job; it gets no entry of its own.
    expect(service.join('\n')).not.toMatch(/workerpool0-0 exited/);
  });

  it('restarts a worker killed by SIGSEGV in place and the job succeeds', async () => {
    const request = scenarioRequest(['sleep:4'], {
      workers: {
        args: [`kill-once:SEGV:${marker('segv-once')}`, 'env:CLUSTER_SPEC', 'out:second run'],
        count: 1,
      },
    });
    const {job, id} = await run(request);
    expect(String(job.state)).toBe('JOB_STATE_SUCCEEDED');
    expect(job.error ?? null).toBeNull();
    const service = await messages(id);
    expect(service).toContain(
      'WARNING The replica workerpool1-0 exited with a non-zero status of 139 and was restarted (restart 1 of 5).',
    );
    expect(service).toContain('INFO The replica workerpool1-0 exited with status 0.');
    const worker = await messages(id, 'workerpool1-0');
    // Same name and environment: the restarted run is still task workerpool1 index 0.
    expect(worker.join('\n')).toMatch(/CLUSTER_SPEC=.*"task":\{"type":"workerpool1","index":0\}/);
    expect(worker.at(-1)).toMatch(/second run$/);
  });

  it.each([{disableRetries: true}, {restartJobOnWorkerRestart: true}])(
    'fails at the first crash with %o',
    async (scheduling) => {
      const request = scenarioRequest(['sleep:30'], {
        workers: {args: [`kill-once:SEGV:${marker(Object.keys(scheduling)[0]!)}`], count: 1},
      });
      (request.customJob.jobSpec as {scheduling?: object}).scheduling = scheduling;
      const {job, id} = await run(request);
      expect(String(job.state)).toBe('JOB_STATE_FAILED');
      expect(job.error?.message).toMatch(
        /^The replica workerpool1-0 exited with a non-zero status of 139\. Termination reason: Error\./,
      );
      expect((await messages(id)).join('\n')).not.toMatch(/restarted/);
      expect(await processesMatching(id)).toEqual([]);
    },
  );

  it('fails the job when a replica crashes again after five restarts', async () => {
    const {job, id} = await run(scenarioRequest(['out:up', 'kill:ABRT']));
    expect(String(job.state)).toBe('JOB_STATE_FAILED');
    expect(job.error?.message).toMatch(
      /^The replica workerpool0-0 exited with a non-zero status of 134\. Termination reason/,
    );
    const restarts = (await messages(id)).filter((line) => line.includes('was restarted'));
    expect(restarts.map((line) => /restart (\d) of 5/.exec(line)?.[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    // Six runs, six lines: the crashed ones logged too.
    expect(await messages(id, 'workerpool0-0')).toHaveLength(6);
    expect(await processesMatching(id)).toEqual([]);
  });

  it('records the restarted process and leaves none behind on cancel', async () => {
    const request = scenarioRequest(['sleep:60'], {
      workers: {
        args: [`kill-once:SEGV:${marker('cancel')}`, 'out:second run', 'sleep:60'],
        count: 1,
      },
    });
    const {name, id} = await run(request, /RUNNING/);
    await waitFor(
      async () => ((await messages(id, 'workerpool1-0')).length > 0 ? true : undefined),
      30_000,
      'the restarted worker to log',
    );
    const record = JSON.parse(
      await fs.readFile(path.join(env.dataDir, 'emulator', 'jobs', `${id}.json`), 'utf8'),
    ) as {replicas: {replica: string; pid: number}[]};
    // One identity per replica; the worker's is its live (restarted) process, not the crashed one.
    expect(record.replicas.map((r) => r.replica).sort()).toEqual([
      'workerpool0-0',
      'workerpool1-0',
    ]);
    const worker = record.replicas.find((r) => r.replica === 'workerpool1-0')!;
    expect(await processesMatching(id)).toContain(worker.pid);
    await env.clients.jobs.cancelCustomJob({name});
    await untilState(name, /^JOB_STATE_CANCELLED$/);
    expect(await processesMatching(id)).toEqual([]);
  });
});
