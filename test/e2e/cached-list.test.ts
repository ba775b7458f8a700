// The returning run's job list (issue #22), in the built app against the real emulator: the first
// run saves the list it saw; between runs one job is cancelled and another submitted; the second
// run shows the saved rows at once, marked as cached, a cancel on the job that ended in between
// re-reads it and sends nothing, and the live rows then replace the cached ones with the new
// states, the new job, and the selection still on the same job. The emulator answers
// ListCustomJobs only after a delay (its fault injection), so the cached frame lasts long enough to
// be read and acted on whatever the machine's load; no time is asserted.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import type {Clients} from '../../source/services/vertex/clients.js';
import {
  jobListCacheFile,
  readJobListCache,
  writeJobListCache,
} from '../../source/services/jobs/job-list-cache.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {scenarioRequest, SCENARIO_URI} from '../helpers/scenario.js';
import {connect, FAST_ENV, runCli, tempDataDir} from '../helpers/service.js';

const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');
const DOWN = '\x1b[B';
const UP = '\x1b[A';
const LIST_DELAY_MS = 8000;
const FAULTS = JSON.stringify({delays: [{method: 'ListCustomJobs', ms: LIST_DELAY_MS}]});

let dataDir: string;
let clients: Clients;
const screens: PtyScreen[] = [];
const names: Record<string, string> = {};

async function create(key: string, args: string[]) {
  const [job] = await clients.jobs.createCustomJob(
    scenarioRequest(args, {displayName: key}) as never,
  );
  names[key] = job.name as string;
}

async function waitState(name: string, pattern: RegExp) {
  await waitFor(
    async () => {
      const [job] = await clients.jobs.getCustomJob({name});
      return pattern.test(String(job.state)) ? true : undefined;
    },
    60_000,
    `${name} ${pattern}`,
  );
}

function open() {
  const screen = new PtyScreen(
    ['--project', 'test-project'],
    {VTRAIN_DATA_DIR: dataDir, ...FAST_ENV},
    120,
    32,
  );
  screens.push(screen);
  return screen;
}

async function quit(screen: PtyScreen) {
  await screen.press('\x03');
  expect(await screen.exited).toBe(0);
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  const started = await runCli(['emulator', 'start', '--data-dir', dataDir], {
    VTRAIN_EMULATOR_FAULTS: FAULTS,
  });
  expect(started.code).toBe(0);
  clients = (await connect(dataDir)).clients;
  await stagePackageLocally(SCENARIO_PACKAGE, SCENARIO_URI, path.join(dataDir, 'buckets'));
  // Oldest first: the list shows stop-run, keep-run, done-run.
  await create('done-run', ['out:all good']);
  await create('keep-run', ['out:started', 'sleep:300']);
  await create('stop-run', ['out:started', 'sleep:300']);
  await waitState(names['done-run']!, /SUCCEEDED/);
  await waitState(names['keep-run']!, /RUNNING/);
  await waitState(names['stop-run']!, /RUNNING/);
}, 180_000);

afterAll(async () => {
  screens.forEach((screen) => screen.kill());
  await clients?.close();
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  expect(await processesMatching(dataDir)).toEqual([]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

describe('the cached job list of a returning run', () => {
  it('shows the last rows marked as cached, re-reads before acting, then the live rows', async () => {
    const cacheFile = jobListCacheFile(dataDir, {
      backend: 'local',
      project: 'test-project',
      region: 'us-central1',
    });
    // The first run: nothing cached yet; the live list is saved once it arrives.
    const first = open();
    const live = await first.waitFor(
      /stop-run\s+\S+\s+custom job\s+RUNNING[\s\S]*keep-run\s+\S+\s+custom job\s+RUNNING/,
      60_000,
    );
    expect(live).not.toMatch(/cached \d/);
    await waitFor(async () => (await fs.stat(cacheFile).catch(() => undefined)) ?? undefined);
    expect((await fs.stat(cacheFile)).mode & 0o777).toBe(0o600);
    await quit(first);

    // In between: stop-run is cancelled, new-run is submitted.
    await clients.jobs.cancelCustomJob({name: names['stop-run']!});
    await waitState(names['stop-run']!, /CANCELLED/);
    await create('new-run', ['out:started', 'sleep:300']);

    // The returning run: the rows of the last run, as they were, marked as cached.
    const second = open();
    const cached = await second.waitFor(/cached \d+s ago — refreshing…/, 30_000);
    expect(cached).toMatch(/stop-run\s+\S+\s+custom job\s+RUNNING/);
    expect(cached).toMatch(/keep-run\s+\S+\s+custom job\s+RUNNING/);
    expect(cached).not.toMatch(/new-run|Loading jobs/);
    expect(cached).toMatch(/❯ stop-run/);

    // Cancel on the cached stop-run: the job is re-read first, and no cancel is sent.
    await second.press('x');
    await second.waitFor(
      /stop-run is CANCELLED now: the job has already ended; no cancel was sent/,
      30_000,
    );
    // Still the cached rows (the live list is on its way); select keep-run.
    expect(second.screen()).toMatch(/cached \d+s ago/);
    await second.press(DOWN);
    await second.waitFor(/❯ keep-run/);

    // The live rows: no cached mark, the new job on top, stop-run's new state, keep-run still
    // selected although it moved down a row.
    const swapped = await second.waitFor(/new-run/, 60_000);
    expect(swapped).not.toMatch(/cached \d/);
    expect(swapped).toMatch(/stop-run\s+\S+\s+custom job\s+CANCELLED/);
    expect(swapped).toMatch(/❯ keep-run\s+\S+\s+custom job\s+RUNNING/);
    const order = ['new-run', 'stop-run', 'keep-run', 'done-run'].map((name) =>
      swapped.indexOf(name),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // A live row is acted on at once: cancel asks to confirm keep-run.
    await second.press(UP);
    await second.press(DOWN);
    await second.press('x');
    await second.waitFor(/Cancel custom job "keep-run"\?/);
    await second.press('n');
    await quit(second);
  }, 240_000);

  it('never serves script commands from the cache, and opens on live rows over a corrupt one', async () => {
    const key = {backend: 'local', project: 'test-project', region: 'us-central1'} as const;
    // A cached row the backend does not have: `jobs list` (always live) never shows it.
    const [row] = readJobListCache(dataDir, key)!.rows;
    writeJobListCache(dataDir, key, [
      {...row!, name: row!.name.replace(/\d+$/, '999'), displayName: 'ghost-run'},
    ]);
    const listed = await runCli([
      'jobs',
      'list',
      '--data-dir',
      dataDir,
      '--project',
      'test-project',
    ]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/new-run/);
    expect(listed.stdout).not.toMatch(/ghost-run/);
    // A corrupt cache is ignored: the app opens as on a first run and shows the live rows.
    await fs.writeFile(jobListCacheFile(dataDir, key), '{"version": 1, "rows": [');
    const screen = open();
    await screen.waitFor(/Loading jobs/, 30_000);
    const live = await screen.waitFor(/new-run/, 60_000);
    expect(live).not.toMatch(/cached \d|ghost-run/);
    await quit(screen);
  }, 120_000);
});
