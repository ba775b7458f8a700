// The pending reason in a real terminal against the served emulator, its capacity fault set
// (rpc/faults.ts flexStartHoldSeconds): a FLEX_START job with a 2 h maximum wait is held PENDING;
// its dashboard says "waiting for capacity — up to … more (max wait 2 h)" with the time waited,
// `jobs describe` says the same on stderr, and once capacity comes the job runs and the line goes.
import {describe, expect, it} from 'vitest';
import {dashboardEnvironment} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import {scenarioRequest} from '../helpers/scenario.js';
import {runCli} from '../helpers/service.js';

// Read by the emulator `emulator start` serves (it inherits this process's environment).
process.env.VTRAIN_EMULATOR_FAULTS = JSON.stringify({flexStartHoldSeconds: 45});
const env = dashboardEnvironment();

describe('pending reason', () => {
  it('shows a held flex-start job waiting for capacity, then running', async () => {
    const request = scenarioRequest(['out:capacity came', 'sleep:300'], {
      displayName: 'flex-job',
    });
    // A flex-start shape Google documents: an A100 machine, the strategy, a maximum wait.
    const pool = request.customJob.jobSpec.workerPoolSpecs[0]!;
    pool.machineSpec = {
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
    } as typeof pool.machineSpec;
    const customJob = {
      ...request.customJob,
      jobSpec: {
        ...request.customJob.jobSpec,
        scheduling: {strategy: 'FLEX_START', maxWaitDuration: {seconds: 7200}},
      },
    };
    const [created] = await env.clients.jobs.createCustomJob({...request, customJob} as never);
    const name = created.name as string;
    const id = name.split('/').pop()!;

    const screen = await env.openDashboard('flex-job');
    await screen.waitFor(/waiting for capacity — up to 1 h 59 m more \(max wait 2 h\)/, 30_000);
    expect(screen.screen()).toMatch(/PENDING/);
    expect(screen.screen()).toMatch(/· waited \d+ s/);

    const described = await runCli([
      'jobs',
      'describe',
      id,
      '--data-dir',
      env.dataDir,
      '--project',
      'test-project',
    ]);
    expect(described.code).toBe(0);
    expect(described.stderr).toMatch(
      new RegExp(
        `${name}: waiting for capacity — up to 1 h 59 m more \\(max wait 2 h\\) · waited \\d+ s`,
      ),
    );
    expect(described.stdout).toContain('FLEX_START');

    // Capacity comes: the job runs, the reason goes.
    await screen.waitFor(/RUNNING/, 60_000);
    await waitFor(
      async () => (/waiting for capacity/.test(screen.screen()) ? undefined : true),
      30_000,
      'the pending line to go',
    );
    await env.clients.jobs.cancelCustomJob({name});
    await env.ended(name);
  });
});
