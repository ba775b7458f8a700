// A persistent-resource file in each shape Google shows: the API's `resourcePools` list
// (persistent_resource.proto, gcloud's persistent_resource_util.py), gcloud's own `--config` help
// example `resourcePoolSpecs:` holding one mapping (command_lib/ai/persistent_resources/flags.py),
// and a single pool written without a list; all become the API's `resourcePools` list.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {persistentResourceFromFile} from '../../source/services/vertex/persistent-resource-spec.js';

let dir = '';
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-pr-shapes-'));
});
afterAll(() => fs.rm(dir, {recursive: true, force: true}));

const POOL = {machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 1};

async function read(text: string) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  await fs.writeFile(file, text);
  return persistentResourceFromFile(file, 'warm');
}

describe('persistent resource file shapes', () => {
  it("gcloud's --config help example: resourcePoolSpecs holding one mapping", async () => {
    expect(
      await read(
        'resourcePoolSpecs:\n  machineSpec:\n    machineType: n1-standard-4\n  replicaCount: 1\n',
      ),
    ).toEqual({ok: true, id: 'warm', resource: {resourcePools: [POOL]}});
  });

  it('resource_pool_specs as a list', async () => {
    expect(
      await read(
        'resource_pool_specs:\n  - machine_spec: {machine_type: n1-standard-4}\n    replica_count: 1\n',
      ),
    ).toEqual({ok: true, id: 'warm', resource: {resourcePools: [POOL]}});
  });

  it('resourcePools holding one mapping', async () => {
    expect(
      await read(
        'resourcePools:\n  machineSpec: {machineType: n1-standard-4}\n  replicaCount: 1\n',
      ),
    ).toEqual({ok: true, id: 'warm', resource: {resourcePools: [POOL]}});
  });

  it('resourcePools as a list wins over resourcePoolSpecs', async () => {
    expect(
      await read(
        'resourcePools:\n  - machineSpec: {machineType: n1-standard-4}\n    replicaCount: 1\nresourcePoolSpecs:\n  machineSpec: {machineType: n1-standard-8}\n',
      ),
    ).toEqual({ok: true, id: 'warm', resource: {resourcePools: [POOL]}});
  });
});
