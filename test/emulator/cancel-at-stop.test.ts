// A cancel still ending its job when the emulator stops: stop() waits for that job to settle and be
// written, so nothing writes into the data folder after stop() has resolved (a test, or the
// service's own exit, may remove or leave it then). Before, a cancel in flight wrote the job's
// record after stop() and the folder's removal: an unhandled ENOENT.
import fs from 'node:fs/promises';
import path from 'node:path';
import {expect, it} from 'vitest';
import {startTestEmulator, waitFor} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

it('waits for a cancel in flight before stop() resolves', async () => {
  const env = await startTestEmulator({queueDelayMs: 0, provisionDelayMs: 0});
  try {
    await stageScenario(env);
    const [job] = await env.clients.jobs.createCustomJob(
      scenarioRequest(['out:up', 'sleep:120'], {workers: {args: ['sleep:120'], count: 2}}) as never,
    );
    const name = job.name as string;
    await waitFor(
      async () =>
        String((await env.clients.jobs.getCustomJob({name}))[0].state) === 'JOB_STATE_RUNNING' ||
        undefined,
      60_000,
      'the job to run',
    );
    // The cancel RPC answers at once; the job settles once its replicas have stopped.
    await env.clients.jobs.cancelCustomJob({name});
    await env.clients.close();
    await env.emulator.stop();
    const id = name.split('/').at(-1)!;
    const file = path.join(env.dataDir, 'emulator', 'jobs', `${id}.json`);
    const before = await fs.stat(file);
    // The stored record (emulator/contract/job-records.ts): {version, job, replicas}.
    const record = JSON.parse(await fs.readFile(file, 'utf8')) as {job: {state: string}};
    expect(record.job.state).toBe('JOB_STATE_CANCELLED');
    // Nothing is written after stop() has resolved.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await fs.stat(file)).mtimeMs).toBe(before.mtimeMs);
  } finally {
    await fs.rm(env.dataDir, {recursive: true, force: true});
  }
}, 90_000);
