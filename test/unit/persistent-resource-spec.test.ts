// The app's side of persistent resources: the list's summary (state, used/total per pool), the
// form and file requests (field, rule, fix on bad input), and which resources a job's pools can
// run on (machine, accelerators and disk equal a pool's; replicas fit its free machines:
// cloud.google.com/vertex-ai/docs/training/persistent-resource-train).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  matchingPersistentResources,
  persistentResourceFromFile,
  persistentResourceFieldProblem,
  persistentResourceFromForm,
  poolsText,
  summarisePersistentResource,
} from '../../source/services/vertex/persistent-resource-spec.js';

const resource = (id: string, state: string, pools: Record<string, unknown>[]) => ({
  name: `projects/p/locations/us-central1/persistentResources/${id}`,
  state,
  resourcePools: pools,
});
const cpu = (replicaCount: string, usedReplicaCount: string) => ({
  id: 'cpu',
  machineSpec: {machineType: 'n1-standard-4'},
  replicaCount,
  usedReplicaCount,
});
const need = (replicaCount: number, machineType = 'n1-standard-4') => ({
  machine: {machineType},
  replicaCount,
});

describe('persistent resources in the app', () => {
  it('summarises state and used/total per pool (int64 as strings or numbers, enum as name or number)', () => {
    const summary = summarisePersistentResource(resource('warm', 'RUNNING', [cpu('2', '1')]));
    expect(summary).toMatchObject({id: 'warm', state: 'RUNNING'});
    expect(poolsText(summary)).toBe('cpu n1-standard-4 1/2 used');
    const numeric = summarisePersistentResource({
      ...resource('x', 'RUNNING', [{...cpu('2', '0'), replicaCount: 3, usedReplicaCount: 0}]),
      state: 1,
    });
    expect(numeric.state).toBe('PROVISIONING');
    expect(poolsText(numeric)).toBe('cpu n1-standard-4 0/3 used');
    // A pool named after its machine type (the create form's default) names it once.
    const named = summarisePersistentResource(
      resource('n', 'RUNNING', [{...cpu('1', '0'), id: 'n1-standard-4'}]),
    );
    expect(poolsText(named)).toBe('n1-standard-4 0/1 used');
    const autoscaled = summarisePersistentResource(
      resource('a', 'RUNNING', [{...cpu('1', '0'), autoscalingSpec: {maxReplicaCount: '4'}}]),
    );
    expect(autoscaled.pools[0]?.total).toBe(4);
  });

  it('builds the create request from the form, naming the field and the fix when bad', () => {
    const built = persistentResourceFromForm({
      id: 'warm-pool',
      machineType: 'a2-highgpu-1g',
      replicaCount: '2',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: '1',
    });
    expect(built).toEqual({
      ok: true,
      id: 'warm-pool',
      resource: {
        displayName: 'warm-pool',
        resourcePools: [
          {
            machineSpec: {
              machineType: 'a2-highgpu-1g',
              acceleratorType: 'NVIDIA_TESLA_A100',
              acceleratorCount: 1,
            },
            replicaCount: 2,
          },
        ],
      },
    });
    const form = {id: 'warm', machineType: 'n1-standard-4', replicaCount: '1'};
    expect(persistentResourceFromForm({...form, id: 'Warm_Pool'})).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^id: lowercase letters, digits and "-", starting with a letter/,
      ),
    });
    expect(persistentResourceFromForm({...form, replicaCount: '0'})).toMatchObject({
      ok: false,
      error: 'replica count: a whole number ≥ 1',
    });
  });

  it('checks each form field as it is given, so the screen can ask again without losing answers', () => {
    expect(persistentResourceFieldProblem('id', '')).toMatch(/^id: /);
    expect(persistentResourceFieldProblem('id', 'warm-pool')).toBeUndefined();
    expect(persistentResourceFieldProblem('machineType', 'N1 standard')).toMatch(/^machine type: /);
    expect(persistentResourceFieldProblem('acceleratorType', '')).toBeUndefined();
    expect(persistentResourceFieldProblem('acceleratorType', 'nvidia t4')).toMatch(
      /^accelerator: a type like NVIDIA_TESLA_T4, or empty for none/,
    );
    expect(persistentResourceFieldProblem('acceleratorCount', '')).toBeUndefined();
    expect(persistentResourceFieldProblem('acceleratorCount', '1.5')).toMatch(
      /^accelerators per machine: a whole number/,
    );
    expect(persistentResourceFieldProblem('replicaCount', ' 3 ')).toBeUndefined();
  });

  it('reads a YAML file in snake_case or camelCase, and explains a bad one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-pr-'));
    const file = path.join(dir, 'pool.yaml');
    await fs.writeFile(
      file,
      'display_name: from file\nresource_pools:\n  - machine_spec: {machine_type: n1-standard-8}\n    replica_count: 3\n',
    );
    expect(await persistentResourceFromFile(file, 'filed')).toEqual({
      ok: true,
      id: 'filed',
      resource: {
        displayName: 'from file',
        resourcePools: [{machineSpec: {machineType: 'n1-standard-8'}, replicaCount: 3}],
      },
    });
    await fs.writeFile(file, 'displayName: nothing\n');
    expect(await persistentResourceFromFile(file, 'filed')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/resourcePools is required/),
    });
    expect(await persistentResourceFromFile(path.join(dir, 'missing.yaml'), 'x')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot read it \(ENOENT\)/),
    });
    await fs.rm(dir, {recursive: true, force: true});
  });

  it('offers only RUNNING resources whose pools match the machines and have room', () => {
    const resources = [
      resource('free', 'RUNNING', [cpu('2', '0')]),
      resource('busy', 'RUNNING', [cpu('2', '2')]),
      resource('starting', 'PROVISIONING', [cpu('2', '0')]),
      resource('gpu', 'RUNNING', [
        {
          ...cpu('2', '0'),
          machineSpec: {
            machineType: 'n1-standard-4',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 1,
          },
        },
      ]),
    ];
    expect(matchingPersistentResources(resources, [need(1), need(1)]).map((r) => r.id)).toEqual([
      'free',
    ]);
    // Primary and workers share the pool: 1 + 2 do not fit in 2.
    expect(matchingPersistentResources(resources, [need(1), need(2)])).toEqual([]);
    expect(matchingPersistentResources(resources, [need(1, 'n1-highmem-8')])).toEqual([]);
    expect(
      matchingPersistentResources(resources, [
        {
          machine: {
            machineType: 'n1-standard-4',
            acceleratorType: 'NVIDIA_TESLA_T4',
            acceleratorCount: 1,
          },
          replicaCount: 1,
        },
      ]).map((r) => r.id),
    ).toEqual(['gpu']);
  });
});
