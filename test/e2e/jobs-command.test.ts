// `vtrain-tui jobs list|describe|cancel` as scripts run them: no terminal, real CLI processes,
// against the shared emulator service with jobs seeded through the official client. Text and
// JSON output, and every exit code.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Clients} from '../../source/services/vertex/clients.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {processesMatching, waitFor} from '../helpers/emulator.js';
import {scenarioRequest, SCENARIO_URI} from '../helpers/scenario.js';
import {connect, runCli, tempDataDir} from '../helpers/service.js';

const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');
let dataDir: string;
let deniedDir: string;
let clients: Clients;
let done: string;
let running: string;

const jobs = (args: string[], dir = dataDir, env: Record<string, string> = {}) =>
  runCli(['jobs', ...args, '--data-dir', dir, '--project', 'test-project'], env);
const idOf = (name: string) => name.split('/').pop()!;

async function stateOf(name: string) {
  const [job] = await clients.jobs.getCustomJob({name});
  return String(job.state);
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  deniedDir = await tempDataDir();
  expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
  clients = (await connect(dataDir)).clients;
  await stagePackageLocally(SCENARIO_PACKAGE, SCENARIO_URI, path.join(dataDir, 'buckets'));
  const create = async (args: string[], displayName: string) =>
    (await clients.jobs.createCustomJob(scenarioRequest(args, {displayName}) as never))[0]
      .name as string;
  done = await create(['out:ok'], 'finished-job');
  running = await create(['out:up', 'sleep:300'], 'sleeping-job');
  await waitFor(
    async () => ((await stateOf(done)) === 'JOB_STATE_SUCCEEDED' ? true : undefined),
    60_000,
    'done',
  );
  await waitFor(
    async () => ((await stateOf(running)) === 'JOB_STATE_RUNNING' ? true : undefined),
    60_000,
    'running',
  );
}, 120_000);

afterAll(async () => {
  await clients?.close();
  await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  await runCli(['emulator', 'stop', '--data-dir', deniedDir]);
  expect(await processesMatching(dataDir)).toEqual([]);
  await fs.rm(dataDir, {recursive: true, force: true});
  await fs.rm(deniedDir, {recursive: true, force: true});
});

describe('jobs list', () => {
  it('prints an aligned table, newest first', async () => {
    const result = await jobs(['list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+ID\s+TYPE\s+STATE\s+CREATED\s+DURATION\s+RESOURCES \/ ERROR$/,
    );
    expect(lines[1]).toMatch(
      new RegExp(`^sleeping-job\\s+${idOf(running)}\\s+custom job\\s+RUNNING\\s+\\d{4}-`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^finished-job\\s+${idOf(done)}\\s+custom job\\s+SUCCEEDED`),
    );
    // Columns line up: every row's ID starts where the header's does.
    const column = lines[0]!.indexOf('ID');
    expect(lines[1]!.indexOf(idOf(running))).toBe(column);
    expect(lines[2]!.indexOf(idOf(done))).toBe(column);
  });

  it('prints the REST shape as one JSON array, filtered and limited', async () => {
    const all = await jobs(['list', '--json']);
    expect(all.code).toBe(0);
    const parsed = JSON.parse(all.stdout) as Array<Record<string, unknown>>;
    expect(parsed.map((job) => job.displayName)).toEqual(['sleeping-job', 'finished-job']);
    expect(parsed[1]).toMatchObject({name: done, state: 'JOB_STATE_SUCCEEDED'});
    expect(parsed[1]!.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const succeeded = JSON.parse((await jobs(['list', '--state', 'succeeded', '--json'])).stdout);
    expect(succeeded.map((job: {name: string}) => job.name)).toEqual([done]);
    const limited = JSON.parse((await jobs(['list', '--limit', '1', '--json'])).stdout);
    expect(limited).toHaveLength(1);
    const filtered = await jobs(['list', '--filter', 'display_name="finished-job"']);
    expect(filtered.stdout).toMatch(/finished-job/);
    expect(filtered.stdout).not.toMatch(/sleeping-job/);
    const tuning = await jobs(['list', '--type', 'hptuning']);
    expect(tuning).toMatchObject({code: 0, stdout: 'No jobs.\n'});
  });

  // PipelineState (pipeline_state.proto) has no EXPIRED, UPDATING or PARTIALLY_SUCCEEDED: the
  // pipelines are not asked for them, and the rest of an OR still lists what it can match.
  it('lists by a state only custom and tuning jobs have', async () => {
    for (const state of ['expired', 'updating', 'partially_succeeded'])
      expect(await jobs(['list', '--state', state])).toMatchObject({
        code: 0,
        stdout: 'No jobs.\n',
        stderr: '',
      });
    const either = await jobs([
      'list',
      '--filter',
      'state="JOB_STATE_EXPIRED" OR display_name="finished-job"',
      '--json',
    ]);
    expect(either.stderr).toBe('');
    expect(JSON.parse(either.stdout).map((job: {name: string}) => job.name)).toEqual([done]);
  });

  it('exits 2 with one clear line for bad flags', async () => {
    for (const args of [
      ['list', '--state', 'not a state'],
      ['list', '--type', 'batch'],
      ['list', '--limit', '0'],
      ['list', '--bogus'],
      ['explode'],
    ]) {
      const result = await jobs(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^vtrain-tui: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('jobs describe', () => {
  it('prints YAML by default and JSON with --json, by id or full name', async () => {
    const yaml = await jobs(['describe', idOf(done)]);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(new RegExp(`^name: ${done}$`, 'm'));
    expect(yaml.stdout).toMatch(/^state: JOB_STATE_SUCCEEDED$/m);
    const json = await jobs(['describe', done, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({name: done, displayName: 'finished-job'});
  });

  it('exits 3 for a job that does not exist and 2 for something that is not a job', async () => {
    const missing = await jobs(['describe', '42']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no custom job, tuning job or training pipeline 42/);
    const unnamed = await jobs(['describe', 'no-such-job']);
    expect(unnamed.code).toBe(3);
    expect(unnamed.stderr).toMatch(/no job named "no-such-job" and no job with that id/);
    const bad = await jobs(['describe', 'projects/test-project/locations/us-central1/jobs/42']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/its numeric id, its display name or its full name/);
  });

  it('finds a job by its display name, and asks for the id when the name is not unique', async () => {
    const byName = await jobs(['describe', 'finished-job', '--json']);
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toMatchObject({name: done});
    const logs = await runCli([
      'logs',
      'finished-job',
      '--data-dir',
      dataDir,
      '--project',
      'test-project',
    ]);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toMatch(/ok/);

    const twin = (
      await clients.jobs.createCustomJob(
        scenarioRequest(['out:twin'], {displayName: 'twin "job"'}) as never,
      )
    )[0].name as string;
    const other = (
      await clients.jobs.createCustomJob(
        scenarioRequest(['out:twin'], {displayName: 'twin "job"'}) as never,
      )
    )[0].name as string;
    const twins = await jobs(['describe', 'twin "job"']);
    expect(twins.code).toBe(2);
    expect(twins.stderr).toContain(`names 2 jobs`);
    expect(twins.stderr).toContain(idOf(twin));
    expect(twins.stderr).toContain(idOf(other));
  });
});

describe('jobs wait', () => {
  const create = async (args: string[], displayName: string) =>
    (await clients.jobs.createCustomJob(scenarioRequest(args, {displayName}) as never))[0]
      .name as string;

  it('blocks until the job ends: 0 for a success, with each state it saw', async () => {
    const job = await create(['out:start', 'sleep:3', 'out:end'], 'short-job');
    const result = await jobs(['wait', idOf(job), '--interval', '1s']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${job} SUCCEEDED after \\d`));
    // It saw the job before it ended (it was created a moment ago and sleeps 3 s).
    expect(result.stderr).toMatch(/: (QUEUED|PENDING|RUNNING)\n[^]*: SUCCEEDED\n$/);
    expect(await stateOf(job)).toBe('JOB_STATE_SUCCEEDED');
  });

  it('exits 1 for a failed job, with its error, and for one cancelled while waiting', async () => {
    const failing = await create(['exit:3'], 'failing-job');
    const failed = await jobs(['wait', failing, '--interval', '1s']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      / FAILED after .*: The replica workerpool0-0 exited with a non-zero status of 3/,
    );
    const sleeping = await create(['sleep:300'], 'cancelled-while-waited');
    const waiting = jobs(['wait', idOf(sleeping), '--interval', '1s']);
    await waitFor(
      async () => ((await stateOf(sleeping)) === 'JOB_STATE_RUNNING' ? true : undefined),
      60_000,
      'running',
    );
    await clients.jobs.cancelCustomJob({name: sleeping});
    const cancelled = await waiting;
    expect(cancelled.code).toBe(1);
    expect(cancelled.stdout).toMatch(/ CANCELLED after /);
  });

  it('exits 5 when --timeout runs out, and the job keeps running', async () => {
    const result = await jobs(['wait', idOf(running), '--timeout', '2s', '--interval', '1s']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/still RUNNING after --timeout 2s; it keeps running\.\n$/);
    expect(await stateOf(running)).toBe('JOB_STATE_RUNNING');
  });

  it('exits 2 for bad flags and 3 for a job that does not exist', async () => {
    for (const args of [
      ['wait'],
      ['wait', idOf(done), '--timeout', 'soon'],
      ['wait', idOf(done), '--interval', '0.5s'],
    ]) {
      const result = await jobs(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await jobs(['wait', '42'])).code).toBe(3);
  });
});

describe('jobs cancel', () => {
  it('refuses without a terminal unless --yes, then cancels; an ended job is exit 1', async () => {
    const refused = await jobs(['cancel', idOf(running)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(await stateOf(running)).toBe('JOB_STATE_RUNNING');
    const cancelled = await jobs(['cancel', idOf(running), '--yes']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(/Cancel requested/);
    await waitFor(
      async () => ((await stateOf(running)) === 'JOB_STATE_CANCELLED' ? true : undefined),
      30_000,
      'cancelled',
    );
    const again = await jobs(['cancel', idOf(running), '--yes']);
    expect(again).toMatchObject({code: 0});
    expect(again.stdout).toMatch(/already CANCELLED/);
    const ended = await jobs(['cancel', idOf(done), '--yes']);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/has already ended \(SUCCEEDED\)/);
  });
});

describe('permissions', () => {
  it('exits 4 with the missing permission explained', async () => {
    const faults = JSON.stringify({
      errors: [{method: 'ListCustomJobs', code: 'PERMISSION_DENIED'}],
    });
    const started = await runCli(['emulator', 'start', '--data-dir', deniedDir], {
      VTRAIN_EMULATOR_FAULTS: faults,
    });
    expect(started.code).toBe(0);
    const denied = await jobs(['list'], deniedDir);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toMatch(/aiplatform\.customJobs\.list/);
    expect(denied.stderr).not.toMatch(/\n\s+at /);
  });
});
