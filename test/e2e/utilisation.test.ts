// Per-replica utilisation on the built app against the emulator service (issue #24): a job whose
// primary keeps one core busy and holds 200 MiB while two workers sleep. `vtrain-tui top` (text and
// --json in the shape) and the dashboard's CPU and MEM columns (wide, and a narrow
// terminal where every line still fits), all read through Cloud Monitoring's ListTimeSeries.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CTRL_C, CTRL_U, ENTER, dashboardEnvironment} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';
import terminalTextWidth from '../../source/core/text/terminal-text-width.js';

const dash = dashboardEnvironment();
const MIB = 2 ** 20;

interface TopJson {
  job: string;
  at: string;
  replicas: Array<{
    replica: string;
    cpuCores: number | null;
    cpuUtilization: number | null;
    memoryBytes: number | null;
    memoryUtilization: number | null;
    acceleratorUtilization: number | null;
    acceleratorMemoryUtilization: number | null;
  }>;
  cost: {
    currency: string;
    perHour: number;
    soFar: number;
    source: string;
    asOf: string;
    basis: string;
  } | null;
  costReason?: string;
}

const top = (args: string[]) =>
  runCli(['top', ...args, '--data-dir', dash.dataDir, '--project', 'test-project']);

describe('utilisation', () => {
  it('top, then the dashboard wide and narrow, show the busy replica and the idle ones', async () => {
    const job = await dash.createJob('util-busy', ['hold:200', 'busy:600'], ['sleep:600']);
    // The service samples every 5 s and needs two samples for a CPU figure.
    const json = await waitFor(
      async () => {
        const result = await top([job.id, '--json']);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        const parsed = JSON.parse(result.stdout) as TopJson;
        const busy = parsed.replicas.find((replica) => replica.replica === 'workerpool0-0');
        return (busy?.memoryBytes ?? 0) >= 200 * MIB && (busy?.cpuCores ?? 0) > 0.05
          ? parsed
          : undefined;
      },
      90_000,
      'top --json to show the busy replica',
    );
    expect(json.job).toBe(job.name);
    expect(Number.isNaN(Date.parse(json.at))).toBe(false);
    // Three n1-standard-4 replicas in us-central1 at the built-in list price (price-data.ts),
    // labelled as what the job would cost on Vertex AI.
    expect(json.cost).toMatchObject({currency: 'USD', perHour: 0.655497, asOf: '2026-10-07'});
    expect(json.cost!.soFar).toBeGreaterThanOrEqual(0);
    expect(json.cost!.source).toMatch(/cloud\.google\.com\/vertex-ai\/pricing/);
    expect(json.cost!.basis).toMatch(/^estimate, list price, compute only; local emulator/);
    expect(json.costReason).toBeUndefined();
    expect(json.replicas.map((replica) => replica.replica)).toEqual([
      'workerpool0-0',
      'workerpool1-0',
      'workerpool1-1',
    ]);
    const [busy, ...idle] = json.replicas;
    expect(busy!.acceleratorUtilization).toBeNull();
    expect(busy!.memoryUtilization).toBeGreaterThan(0);
    for (const replica of idle) {
      if (replica.cpuCores !== null) expect(replica.cpuCores).toBeLessThan(busy!.cpuCores!);
      if (replica.memoryBytes !== null) expect(replica.memoryBytes).toBeLessThan(100 * MIB);
    }

    const text = await top([job.id]);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^REPLICA\s+CPU\(cores\)\s+CPU%\s+MEMORY\s+MEM%$/);
    expect(lines[1]).toMatch(/^workerpool0-0\s+\d+\.\d\d\s+\d+%\s+\d+(\.\d)?Mi\s+\d+%$/);
    expect(lines).toHaveLength(4);

    // Bad input: one line naming the problem, exit 2; an unknown job: exit 3.
    const usage = await top([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^vtrain-tui top: top needs the job/);
    expect((await top(['999999999'])).code).toBe(3);

    const wide = await dash.openDashboard('util-busy');
    const shown = await wide.waitFor(
      // The header's cost (issue #24): what the job would cost on Vertex, as an estimate.
      /using \d+\.\d\d cores · \d+(\.\d)?Mi · ≈ \$\d+\.\d\d so far on Vertex · \$0\.66\/h \(estimate, list price, compute only\)[\s\S]*ERR\s+CPU\s+MEM\s+LAST LOG[\s\S]*workerpool0-0\s.*\d\.\d\d\s.*\d+Mi\s/,
      60_000,
    );
    expect(shown).not.toMatch(/GPU/);
    await wide.press(CTRL_C);
    expect(await wide.exited).toBe(0);

    // The narrowest terminal the app accepts.
    const columns = 80;
    const narrow = new PtyScreen(
      ['--project', 'test-project'],
      {VTRAIN_DATA_DIR: dash.dataDir, VTRAIN_SETTINGS: path.join(dash.dataDir, 'settings.json')},
      columns,
      30,
    );
    dash.screens.push(narrow);
    await narrow.waitFor(/util-busy/, 30_000);
    await narrow.press('/');
    await narrow.press(`${CTRL_U}util-busy${ENTER}`, 400);
    await narrow.press(ENTER);
    const small = await narrow.waitFor(/workerpool0-0\s.*running/, 30_000);
    for (const line of small.split('\n'))
      expect(terminalTextWidth(line)).toBeLessThanOrEqual(columns);
    await narrow.press(CTRL_C);
    expect(await narrow.exited).toBe(0);
    await dash.clients.jobs.cancelCustomJob({name: job.name});
    await dash.ended(job.name);
  }, 240_000);
});
