// Issue #23 item 6: extracted package code is kept once per package content, not per job (or
// tuning trial), runs from the job's own folder, and goes when the last job that ran it is
// deleted; per-job copies older versions left are removed at the next start.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startTestEmulator, waitFor, type TestEmulator} from '../helpers/emulator.js';
import {scenarioRequest, stageScenario} from '../helpers/scenario.js';

let env: TestEmulator;
const TERMINAL = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED'];

beforeAll(async () => {
  env = await startTestEmulator();
  await stageScenario(env);
});
afterAll(async () => env?.close());

async function run(args: string[]): Promise<string> {
  const [job] = await env.clients.jobs.createCustomJob(scenarioRequest(args) as never);
  const name = job.name as string;
  const done = await waitFor(async () => {
    const [current] = await env.clients.jobs.getCustomJob({name});
    return TERMINAL.includes(String(current.state)) ? current : undefined;
  });
  expect(done.state).toBe('JOB_STATE_SUCCEEDED');
  return name;
}

const cache = () => path.join(env.dataDir, 'jobs', '.code');
const entries = async () => (await fs.readdir(cache()).catch(() => [])).sort();

describe('extracted package code', () => {
  it('is shared per package content and pruned with the last job that ran it', async () => {
    const first = await run(['out:one']);
    const second = await run(['out:two']);
    expect(await entries()).toHaveLength(1);
    for (const name of [first, second]) {
      const folder = path.join(env.dataDir, 'jobs', name.split('/').pop()!);
      expect((await fs.readdir(folder)).filter((entry) => entry.startsWith('code-'))).toEqual([]);
    }

    const [deleteFirst] = await env.clients.jobs.deleteCustomJob({name: first});
    await deleteFirst.promise();
    expect(await entries()).toHaveLength(1);
    const [deleteSecond] = await env.clients.jobs.deleteCustomJob({name: second});
    await deleteSecond.promise();
    await waitFor(async () => ((await entries()).length === 0 ? true : undefined), 10_000);
  });

  it('runs replicas from the job folder, not from the shared code', async () => {
    const name = await run(['cwd:']);
    const id = name.split('/').pop()!;
    const [entriesOfJob] = await env.clients.logging.listLogEntries(
      {
        resourceNames: ['projects/test-project'],
        filter: `resource.labels.job_id="${id}" AND textPayload:"cwd="`,
        pageSize: 10,
      },
      {autoPaginate: false},
    );
    const cwd = String(entriesOfJob[0]?.textPayload ?? '');
    expect(cwd).toBe(`cwd=${path.join(env.dataDir, 'jobs', id)}`);
  });
});
