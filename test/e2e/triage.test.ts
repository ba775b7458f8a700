// The job list as a user meets it: jobs seeded in every state through the official client, then
// the built app in a real pseudo-terminal: list, paging past the first page, filter, sort,
// describe, cancel with confirmation, clone → wizard → resubmit, help, read-only mode, a trainer
// printing terminal escape sequences.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import type {Clients} from '../../source/services/vertex/clients.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {scenarioRequest, SCENARIO_URI} from '../helpers/scenario.js';
import {connect, FAST_ENV, runCli, tempDataDir} from '../helpers/service.js';

const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');
const PROJECT = ['--project', 'test-project'];
const ENTER = '\r';
const ESC = '\x1b';
// Small pages so that a dozen jobs need several List calls, as 10,000 would with the default.
const PAGE_ENV = {VTRAIN_JOB_PAGE_SIZE: '4'};
// Enough jobs that the list does not load them all up front (it reads ~20 rows ahead).
const FILLERS = 25;
const TOTAL = FILLERS + 5;
// The live list showing `row`: a returning run first shows the cached rows of the last run
// (title "Jobs  cached … ago"), which may not hold the rows a filter below looks for.
const LIVE = (row: RegExp) => new RegExp(`^Jobs {2}projects[\\s\\S]*${row.source}`, 'm');

let dataDir: string;
let clients: Clients;
const screens: PtyScreen[] = [];
const names: Record<string, string> = {};

async function create(key: string, args: string[], displayName: string) {
  const request = scenarioRequest(args, {displayName});
  const [job] = await clients.jobs.createCustomJob(request as never);
  names[key] = job.name as string;
  return job.name as string;
}

async function stateOf(name: string): Promise<string> {
  const [job] = await clients.jobs.getCustomJob({name});
  return String(job.state);
}

async function waitState(name: string, pattern: RegExp) {
  await waitFor(
    async () => (pattern.test(await stateOf(name)) ? true : undefined),
    60_000,
    `${name} ${pattern}`,
  );
}

function open(args: string[] = [], env: Record<string, string> = {}, columns = 120, rows = 32) {
  const screen = new PtyScreen(
    [...PROJECT, ...args],
    {VTRAIN_DATA_DIR: dataDir, ...FAST_ENV, ...PAGE_ENV, ...env},
    columns,
    rows,
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
  expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
  clients = (await connect(dataDir)).clients;
  await stagePackageLocally(SCENARIO_PACKAGE, SCENARIO_URI, path.join(dataDir, 'buckets'));
  // Oldest first, so the list (newest first) shows them in reverse.
  for (let index = 0; index < FILLERS; index += 1)
    await create(`filler${index}`, ['out:filler'], `filler-${index}`);
  await create('succeeded', ['out:all good'], 'good-run');
  await create(
    'failed',
    ['err:Traceback (most recent call last):', 'err:ValueError: bad learning rate', 'exit:3'],
    'broken-run',
  );
  await create('cancelled', ['out:waiting', 'sleep:300'], 'stopped-run');
  await create(
    'escapes',
    [
      'out:before\x1b]0;HACKED-TITLE\x07after',
      'out:csi\x1b[2J\x1b[Hstill here',
      'out:dcs\x1bPqpayload\x1b\\done',
      'out:bell\x07back\bspace',
      'sleep:300',
    ],
    'escape-run',
  );
  await create('running', ['out:started', 'sleep:300'], 'long-run');
  await waitState(names.succeeded!, /SUCCEEDED/);
  await waitState(names.failed!, /FAILED/);
  await waitState(names.running!, /RUNNING/);
  await waitState(names.escapes!, /RUNNING/);
  await waitState(names.cancelled!, /RUNNING/);
  await clients.jobs.cancelCustomJob({name: names.cancelled!});
  await waitState(names.cancelled!, /CANCELLED/);
  for (let index = 0; index < FILLERS; index += 1)
    await waitState(names[`filler${index}`]!, /SUCCEEDED/);
}, 180_000);

afterAll(async () => {
  screens.forEach((screen) => screen.kill());
  await clients?.close();
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  expect(await processesMatching(dataDir)).toEqual([]);
  await fs.rm(dataDir, {recursive: true, force: true});
});

describe('the job list', () => {
  it('opens on the list with every state, newest first, and pages past the first page', async () => {
    const screen = open();
    const first = await screen.waitFor(
      /long-run\s+\S+\s+custom job\s+RUNNING[\s\S]*good-run/,
      30_000,
    );
    expect(first).toMatch(/^Jobs\s+projects\/test-project\/locations\/us-central1/m);
    // Only the first pages are loaded at first (4 per page).
    const loaded = /(\d+) shown of (\d+)\+ loaded/.exec(first);
    expect(loaded).not.toBeNull();
    expect(Number(loaded![2])).toBeLessThan(TOTAL);
    expect(first).not.toMatch(/filler-0\b/);
    const order = ['long-run', 'escape-run', 'stopped-run', 'broken-run', 'good-run'];
    const positions = order.map((name) => first.indexOf(name));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(first).toMatch(/stopped-run\s+\S+\s+custom job\s+CANCELLED/);
    // The error's start (the COST column leaves the rest of it to the describe view).
    expect(first).toMatch(/broken-run\s+\S+\s+custom job\s+FAILED\s+.*✖ The replica workerpool0-/);
    // Moving to the end loads the next pages until the oldest job appears.
    for (let index = 0; index < 6; index += 1) await screen.press('G', 400);
    const all = await screen.waitFor(/filler-0\b/, 20_000);
    expect(all).toMatch(new RegExp(`${TOTAL} shown ·`));
    await quit(screen);
  });

  it('filters locally and on the server, and sorts by a column', async () => {
    const screen = open();
    await screen.waitFor(LIVE(/long-run/), 30_000);
    await screen.press('/');
    await screen.waitFor(/Filter loaded jobs:/);
    await screen.press('broken');
    await screen.press(ENTER, 400);
    const filtered = await screen.waitFor(/\/broken/);
    expect(filtered).toMatch(/broken-run/);
    expect(filtered).not.toMatch(/long-run|good-run/);
    await screen.press('/');
    await screen.press('\x15'); // ctrl+u clears the field
    await screen.press(ENTER, 400);
    await screen.press('f');
    await screen.waitFor(/Server filter:/);
    await screen.press('cancelled');
    await screen.press(ENTER, 400);
    const server = await screen.waitFor(/server: state="JOB_STATE_CAN/);
    await screen.waitFor(/stopped-run/);
    expect(server).not.toMatch(/long-run/);
    // A state no pipeline can have (pipeline_state.proto lacks EXPIRED): the pipelines are not
    // asked for it, and the list says no job matches rather than failing.
    await screen.press('f');
    await screen.press('\x15');
    await screen.press('expired');
    await screen.press(ENTER, 400);
    await screen.waitFor(/server: state="JOB_STATE_EXP/);
    const expired = await screen.waitFor(/No job matches the filters/);
    expect(expired).not.toMatch(/✖/);
    await screen.press('f');
    await screen.press('\x15');
    await screen.press(ENTER, 400);
    await screen.waitFor(/long-run/);
    await screen.press('s'); // sort by name (ascending)
    const byName = await screen.waitFor(/sort name ↑/);
    expect(byName.indexOf('broken-run')).toBeLessThan(byName.indexOf('long-run'));
    await screen.press('S');
    const reversed = await screen.waitFor(/sort name ↓/);
    expect(reversed.indexOf('long-run')).toBeLessThan(reversed.indexOf('broken-run'));
    await quit(screen);
  });

  it('describes a job as YAML, and explains keys with ?', async () => {
    const screen = open();
    await screen.waitFor(LIVE(/long-run/), 30_000);
    await screen.press('/');
    await screen.press('good-run');
    await screen.press(ENTER, 400);
    await screen.waitFor(/\/good-run/);
    await screen.press('d');
    const yaml = await screen.waitFor(
      /^name: projects\/test-project\/locations\/us-central1\/customJobs\/\d+$/m,
    );
    expect(yaml).toMatch(/^displayName: good-run$/m);
    expect(yaml).toMatch(/^state: JOB_STATE_SUCCEEDED$/m);
    expect(yaml).toMatch(/^createTime: "?\d{4}-\d\d-\d\dT/m);
    await screen.press('q');
    await screen.press('?');
    const help = await screen.waitFor(/Job list/);
    expect(help).toMatch(/x\s+cancel the job \(asks first\) — not now: the job has already ended/);
    expect(help).toMatch(/q \/ esc\s+go back/);
    await screen.press(ESC);
    await screen.waitFor(/NAME\s+ID\s+TYPE/);
    await quit(screen);
  });

  it('cancels only after confirmation, naming the job', async () => {
    const screen = open();
    await screen.waitFor(LIVE(/long-run/), 30_000);
    await screen.press('/');
    await screen.press('long-run');
    await screen.press(ENTER, 400);
    await screen.waitFor(/\/long-run/);
    await screen.press('x');
    const dialog = await screen.waitFor(/Cancel custom job "long-run"\?/);
    expect(dialog).toContain(names.running!);
    await screen.press('n');
    await screen.waitFor(/not cancelled/);
    expect(await stateOf(names.running!)).toBe('JOB_STATE_RUNNING');
    await screen.press('x');
    await screen.waitFor(/Cancel custom job "long-run"\?/);
    await screen.press('y');
    await screen.waitFor(/cancel requested for long-run/);
    await waitState(names.running!, /CANCELL/);
    await screen.waitFor(/long-run\s+\S+\s+custom job\s+CANCELL/, 20_000);
    await quit(screen);
  });

  it('clones a job into the wizard and submits the copy', async () => {
    const screen = open();
    await screen.waitFor(LIVE(/good-run/), 30_000);
    await screen.press('/');
    await screen.press('good-run');
    await screen.press(ENTER, 400);
    await screen.waitFor(/\/good-run/);
    await screen.press('c');
    const review = await screen.waitFor(/Review[\s\S]*Press enter to submit/, 20_000);
    expect(review).toMatch(/Options\s+good-run/);
    await screen.press(ENTER);
    await screen.waitFor(/good-run · custom job · customJobs\/\d+ · local emulator/, 20_000);
    await screen.waitFor(/SUCCEEDED for/, 45_000);
    await screen.press('q');
    const list = await screen.waitFor(/good-run[\s\S]*good-run/);
    expect(list.match(/good-run\s+\S+\s+custom job\s+SUCCEEDED/g)?.length).toBe(2);
    await quit(screen);
  });

  it('hides every changing action in read-only mode and says why', async () => {
    const screen = open(['--read-only']);
    const list = await screen.waitFor(LIVE(/long-run/), 30_000);
    expect(list).toMatch(/read-only/);
    expect(list).not.toMatch(/x cancel|c clone|n new/);
    await screen.press('x');
    await screen.waitFor(/x: not available in read-only mode/);
    await screen.press('?');
    const help = await screen.waitFor(/Read-only mode \(--read-only\)/);
    expect(help).toMatch(/cancel the job \(asks first\) — hidden: read-only mode/);
    await quit(screen);
  });

  it('shows a trainer that prints escape sequences without letting them act', async () => {
    const screen = open();
    const titles: string[] = [];
    screen.terminal.onTitleChange((title) => titles.push(title));
    await screen.waitFor(/escape-run/, 30_000);
    await screen.press('/');
    await screen.press('escape-run');
    await screen.press(ENTER, 400);
    await screen.waitFor(/\/escape-run/);
    await screen.press(ENTER);
    const dashboard = await screen.waitFor(/\[workerpool0-0\]\s+bell␇back␈space/, 30_000);
    expect(dashboard).toMatch(/\[workerpool0-0\]\s+beforeafter/);
    expect(dashboard).toMatch(/\[workerpool0-0\]\s+csistill here/);
    expect(dashboard).toMatch(/\[workerpool0-0\]\s+dcsdone/);
    expect(dashboard).not.toMatch(/HACKED|payload/);
    // The frame is intact: the header is still on the first row, the hints on the last two.
    expect(dashboard.split('\n')[0]).toMatch(
      /^escape-run · custom job · customJobs\/\d+ · local emulator/,
    );
    expect(dashboard).toMatch(/q\/esc back · /);
    expect(titles).toEqual([]);
    await quit(screen);
  });
  it('keeps an unfinished job fresh after newer jobs push it past the first page', async () => {
    const screen = open();
    await screen.waitFor(/escape-run\s+\S+\s+custom job\s+RUNNING/, 30_000);
    // Four newer jobs fill the first page (4 rows), so escape-run is only on the second one.
    const newer: string[] = [];
    for (let index = 0; index < 4; index += 1)
      newer.push(await create(`newer${index}`, ['out:quick'], `newer-${index}`));
    for (const name of newer) await waitState(name, /SUCCEEDED/);
    await screen.waitFor(/newer-3\s+\S+\s+custom job\s+SUCCEEDED/, 30_000);
    await clients.jobs.cancelCustomJob({name: names.escapes!});
    await waitState(names.escapes!, /CANCELLED/);
    // The refresh reads the first page and, one by one, the unfinished rows beyond it.
    await screen.waitFor(/escape-run\s+\S+\s+custom job\s+CANCELLED/, 40_000);
    await quit(screen);
  });
});
