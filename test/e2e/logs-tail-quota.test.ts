// Twelve `vtrain-tui logs --follow` of one job at once, the built CLI against a real emulator
// service: Cloud Logging lets a project hold 10 open live tails
// (https://cloud.google.com/logging/quotas) and the emulator refuses the 11th the same way
// (RESOURCE_EXHAUSTED). Every follower must still print every stored entry exactly once, in
// order; the refused ones say on stderr that they poll entries.list instead.
import {spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {jobLogFilter} from '../../source/services/logs/log-filter.js';
import {toLogLine} from '../../source/services/vertex/log-line.js';
import type {Clients} from '../../source/services/vertex/clients.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {scenarioRequest} from '../helpers/scenario.js';
import {waitFor} from '../helpers/emulator.js';
import {BIN, connect, FAST_ENV, runCli, tempDataDir} from '../helpers/service.js';

const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');
const FOLLOWERS = 12;

let dataDir: string;
let clients: Clients;

beforeAll(async () => {
  dataDir = await tempDataDir();
  const started = await runCli(['emulator', 'start', '--data-dir', dataDir]);
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

interface Follower {
  stdout: string;
  stderr: string;
  exited: Promise<number>;
}

/** One `logs --follow`, its output collected as it comes. */
function follow(name: string): Follower {
  const child = spawn(process.execPath, [BIN, 'logs', name, '--follow', '--data-dir', dataDir], {
    env: {...process.env, ...FAST_ENV},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const follower: Follower = {
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1))),
  };
  child.stdout.on('data', (chunk: Buffer) => (follower.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (follower.stderr += chunk.toString()));
  return follower;
}

async function storedText(jobId: string): Promise<string[]> {
  const lines: string[] = [];
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
      {autoPaginate: false},
    );
    for (const entry of page) {
      const line = toLogLine(entry as never);
      lines.push(`[${line.replica}] ${line.message.replace(/\n/g, '\n  ')}`);
    }
    pageToken = (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '';
  } while (pageToken);
  return lines;
}

describe('vtrain-tui logs --follow past the live-tail limit', () => {
  it('twelve followers of one job each print every entry once, in order', async () => {
    // The job writes a line a second until cancelled, so all twelve followers are attached at
    // once however long a loaded machine takes to start twelve processes: each has printed a line.
    const [job] = await clients.jobs.createCustomJob(
      scenarioRequest(['flood:1:600'], {workers: {args: ['flood:1:600'], count: 1}}) as never,
    );
    const name = job.name as string;
    const followers = Array.from({length: FOLLOWERS}, () => follow(name));
    await waitFor(
      async () => followers.every((follower) => follower.stdout.length > 0) || undefined,
      240_000,
      'every follower to print',
    );
    await clients.jobs.cancelCustomJob({name});
    const codes = await Promise.all(followers.map((follower) => follower.exited));
    const expected = await storedText(name.split('/').pop()!);
    for (const [index, follower] of followers.entries()) {
      expect(codes[index]).toBe(1); // the job was cancelled
      expect(follower.stdout.trimEnd().split('\n')).toEqual(expected);
    }
    // At least two were refused a tail and said so; none wrote anything out of order.
    const polled = followers.filter((follower) =>
      /live tail refused: Cloud Logging allows 10 per project/.test(follower.stderr),
    );
    expect(polled.length).toBeGreaterThanOrEqual(FOLLOWERS - 10);
    for (const follower of followers) expect(follower.stderr).not.toMatch(/out of order/);
  }, 300_000);
});
