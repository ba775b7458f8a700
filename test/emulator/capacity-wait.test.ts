// The emulator's capacity faults (rpc/faults.ts flexStartHoldSeconds, stockoutRetries), read
// through the official JobService and Logging clients: a held FLEX_START job stays PENDING with
// its service lines, then runs; a stockout is logged in Google's documented words, then the job
// runs. The pending-reason tests (unit, e2e) rely on both.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {jobLogLines, startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator({
    faults: {flexStartHoldSeconds: 4, stockoutRetries: {times: 2, ms: 300}},
  });
  await stageScenario(env);
});
afterAll(async () => {
  await env?.close();
});

function withScheduling(scheduling: Record<string, unknown>) {
  const request = scenarioRequest(['sleep:1']);
  const jobSpec = request.customJob.jobSpec as {workerPoolSpecs: Array<Record<string, unknown>>};
  // Flex-start needs one of the GPUs Dynamic Workload Scheduler serves (validate-compute.ts,
  // https://cloud.google.com/vertex-ai/docs/training/schedule-jobs-dws): an A100 for every pool.
  const a100 = {
    machineType: 'a2-highgpu-1g',
    acceleratorType: 'NVIDIA_TESLA_A100',
    acceleratorCount: 1,
  };
  return {
    ...request,
    customJob: {
      ...request.customJob,
      jobSpec: {
        ...jobSpec,
        workerPoolSpecs: jobSpec.workerPoolSpecs.map((pool) => ({...pool, machineSpec: a100})),
        scheduling,
      },
    },
  };
}

async function states(name: string, until: RegExp): Promise<string[]> {
  const seen: string[] = [];
  await waitFor(
    async () => {
      const [job] = await env.clients.jobs.getCustomJob({name});
      const state = String(job.state);
      if (seen.at(-1) !== state) seen.push(state);
      return until.test(state) ? job : undefined;
    },
    60_000,
    `${name} to match ${until}`,
  );
  return seen;
}

async function service(id: string): Promise<string[]> {
  return (await jobLogLines(env.clients, id))
    .filter((line) => line.replica === 'service')
    .map((line) => `${line.severity} ${line.message}`);
}

describe('capacity waits', () => {
  it('holds a FLEX_START job PENDING, saying so in service lines, then runs it', async () => {
    const [created] = await env.clients.jobs.createCustomJob(
      withScheduling({strategy: 'FLEX_START', maxWaitDuration: {seconds: 7200}}) as never,
    );
    const name = created.name as string;
    const id = name.split('/').pop() as string;
    // While held: PENDING, with the wait announced and nothing started.
    await waitFor(
      async () => {
        const [job] = await env.clients.jobs.getCustomJob({name});
        const lines = await service(id);
        return String(job.state) === 'JOB_STATE_PENDING' &&
          lines.some((line) => /FLEX_START/.test(line))
          ? lines
          : undefined;
      },
      30_000,
      'the held job to be PENDING with its wait line',
    );
    const [held] = await env.clients.jobs.getCustomJob({name});
    expect(held.startTime ?? null).toBeNull();
    expect(await service(id)).toContain(
      'INFO Waiting for the requested resources to become available (FLEX_START scheduling strategy, Dynamic Workload Scheduler); the job waits up to 2h (scheduling.maxWaitDuration).',
    );
    const seen = await states(name, /RUNNING|SUCCEEDED/);
    expect(seen.at(-1)).toMatch(/RUNNING|SUCCEEDED/);
    const lines = await service(id);
    const available = lines.indexOf(
      'INFO The requested resources are available; provisioning the job.',
    );
    expect(available).toBeGreaterThan(0);
    expect(available).toBeLessThan(lines.indexOf('INFO Waiting for training program to start.'));
    // The stockout fault applies to every job, after the capacity wait.
    expect(
      lines.filter(
        (line) =>
          line ===
          'WARNING Resources are insufficient in region: us-central1. Try a different region or use a different accelerator.',
      ),
    ).toHaveLength(2);
    await states(name, /SUCCEEDED/);
  });

  it('does not hold a STANDARD job for capacity, but still logs the stockout retries', async () => {
    const [created] = await env.clients.jobs.createCustomJob(
      withScheduling({strategy: 'STANDARD'}) as never,
    );
    const name = created.name as string;
    const id = name.split('/').pop() as string;
    await states(name, /SUCCEEDED/);
    const lines = await service(id);
    expect(lines.join('\n')).not.toMatch(/FLEX_START/);
    expect(
      lines.filter((line) => line.startsWith('WARNING Resources are insufficient')),
    ).toHaveLength(2);
  });
});
