// A hyperparameter-tuning job's utilisation on the built app against the emulator service: its
// trial's primary keeps one core busy and holds 100 MiB while its worker sleeps. `vtrain-tui top`
// on the tuning job (text, --json with the trials, --trial), the trials table's CPU and MEM
// columns, and the trial's own dashboard, all read through Cloud Monitoring's ListTimeSeries.
import {describe, expect, it} from 'vitest';
import {ENTER, dashboardEnvironment} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import {oneTrialTuningRequest, scenarioPool} from '../helpers/scenario.js';
import {runCli} from '../helpers/service.js';

const dash = dashboardEnvironment();
const MIB = 2 ** 20;

interface TopTrialsJson {
  job: string;
  trials: Array<{
    trial: string;
    customJob: string | null;
    state: string;
    replicas: Array<{replica: string; cpuCores: number | null; memoryBytes: number | null}>;
  }>;
  cost: null;
  costReason: string;
}

const top = (args: string[]) =>
  runCli(['top', ...args, '--data-dir', dash.dataDir, '--project', 'test-project']);

describe('trial utilisation', () => {
  it('top on the tuning job, its trials table and the trial dashboard show the busy trial', async () => {
    const [created] = await dash.clients.jobs.createHyperparameterTuningJob(
      oneTrialTuningRequest('util-trials', [
        scenarioPool(['hold:100', 'busy:600']),
        scenarioPool(['sleep:600'], 1),
      ]) as never,
    );
    const name = created.name as string;
    const id = name.split('/').at(-1)!;

    const json = await waitFor(
      async () => {
        const result = await top([id, '--json']);
        if (result.code !== 0) return undefined; // no running trial yet
        const parsed = JSON.parse(result.stdout) as TopTrialsJson;
        const busy = parsed.trials[0]?.replicas.find((one) => one.replica === 'workerpool0-0');
        return (busy?.memoryBytes ?? 0) >= 100 * MIB && (busy?.cpuCores ?? 0) > 0.05
          ? parsed
          : undefined;
      },
      90_000,
      "top --json to show the trial's busy replica",
    );
    expect(json.job).toBe(name);
    expect(json.trials).toHaveLength(1);
    const [trial] = json.trials;
    expect(trial).toMatchObject({trial: '1', state: 'ACTIVE'});
    expect(trial!.customJob).toMatch(/^projects\/[^/]+\/locations\/us-central1\/customJobs\/\d+$/);
    expect(trial!.replicas.map((one) => one.replica)).toEqual(['workerpool0-0', 'workerpool1-0']);
    expect(json.cost).toBeNull();
    expect(json.costReason).toMatch(/tuning job/);

    const text = await top([id, '--trial', '1']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TRIAL\s+REPLICA\s+CPU\(cores\)\s+CPU%\s+MEMORY\s+MEM%$/);
    expect(lines[1]).toMatch(/^1\s+workerpool0-0\s+\d+\.\d\d\s+\d+%\s+\d+(\.\d)?Mi\s+\d+%$/);
    expect(lines).toHaveLength(3);
    const missing = await top([id, '--trial', '7']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe(`vtrain-tui top: ${name} has no trial 7 (its trials: 1).\n`);
    const bad = await top([id, '--trial', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^vtrain-tui top: top: --trial must be a trial id/);

    // The trials table: the running trial's cores and memory.
    const screen = await dash.openList('util-trials');
    await screen.press(ENTER);
    await screen.waitFor(/TRIAL\s+STATE\s+SCORE\s+CPU\s+MEM\s+PARAMETERS/, 30_000);
    await screen.waitFor(/❯ 1\s+ACTIVE\s+—\s+\d+\.\d\d\s+\d+(\.\d)?Mi\s+units=1/, 60_000);
    // The trial's dashboard: its replicas' CPU and MEM columns.
    await screen.press(ENTER);
    await screen.waitFor(/workerpool0-0\s.*\d\.\d\d\s.*\d+(\.\d)?Mi\s/, 60_000);

    await dash.clients.jobs.cancelHyperparameterTuningJob({name});
  }, 240_000);
});
