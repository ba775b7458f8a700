// A 1,000-replica job renders in the dashboard of the built app, in a real pseudo-terminal: the
// replica table shows a window of rows with the total, and moves to the last replica. The
// emulator holds the job QUEUED (a long queue delay), so 1,000 python replicas never start on a
// shared test machine; the dashboard derives its rows from the job spec either way.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Clients} from '../../source/services/vertex/clients.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {scenarioPool, PARENT} from '../helpers/scenario.js';
import {connect, runCli, tempDataDir} from '../helpers/service.js';

const ENTER = '\r';
const CTRL_C = '\x03';
const CTRL_U = '\x15';
const QUEUED = {VTRAIN_EMULATOR_QUEUE_MS: '600000', VTRAIN_EMULATOR_PROVISION_MS: '600000'};

let dataDir: string;
let clients: Clients;
let screen: PtyScreen | undefined;

beforeAll(async () => {
  dataDir = await tempDataDir();
  expect((await runCli(['emulator', 'start', '--data-dir', dataDir], QUEUED)).code).toBe(0);
  ({clients} = await connect(dataDir));
}, 60_000);

afterAll(async () => {
  screen?.kill();
  await clients?.close();
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  expect(await processesMatching(dataDir)).toEqual([]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

describe('a 1,000-replica job', () => {
  it('renders its replica table as a window and reaches the last replica', async () => {
    const [job] = await clients.jobs.createCustomJob({
      parent: PARENT,
      customJob: {
        displayName: 'dash-thousand',
        jobSpec: {workerPoolSpecs: [scenarioPool(['out:hi']), scenarioPool(['out:hi'], 999)]},
      },
    } as never);
    const name = job.name as string;
    screen = new PtyScreen(
      ['--project', 'test-project'],
      {VTRAIN_DATA_DIR: dataDir, VTRAIN_SETTINGS: path.join(dataDir, 'settings.json')},
      130,
      44,
    );
    await screen.waitFor(/dash-thousand/, 30_000);
    await screen.press('/');
    await screen.press(`${CTRL_U}dash-thousand${ENTER}`, 400);
    await screen.press(ENTER);
    const open = await screen.waitFor(/QUEUED[\s\S]*REPLICA\s+ROLE[\s\S]*of 1000\)/, 30_000);
    expect(open).toMatch(/\(1–\d+ of 1000\)/);
    expect(open).toMatch(/workerpool0-0\s+primary\s+n1-standard-4\s+provisioning/);
    expect(open).toMatch(/workerpool1-0\s+workers\s+n1-standard-4\s+provisioning/);
    expect(open).not.toMatch(/workerpool1-998/);
    // To the table, then its last row.
    await screen.press('\t');
    await screen.press('G');
    const last = await screen.waitFor(/❯ workerpool1-998/);
    expect(last).toMatch(/\(\d+–1000 of 1000\)/);
    expect(last).not.toMatch(/workerpool0-0\s+primary/);
    await screen.press('g');
    await screen.waitFor(/❯ workerpool0-0/);
    await clients.jobs.cancelCustomJob({name});
    await screen.waitFor(/CANCELLED for/, 30_000);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    await waitFor(
      async () =>
        (await processesMatching(name.split('/').pop()!)).length === 0 ? true : undefined,
      30_000,
      'no replica process left',
    );
  }, 120_000);
});
