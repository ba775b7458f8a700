// The persistent-resources screen in a real terminal against the real emulator: `P` from the job
// list shows each resource with its state and used/total machines per pool, `d` describes it as
// YAML, `x` asks for a confirmation naming it and deletes it, `n` creates one from a short form that
// checks each answer as it is given (a bad one is asked again, keeping what was typed).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {dashboardEnvironment} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';

const env = dashboardEnvironment();
const PARENT = 'projects/test-project/locations/us-central1';

describe('persistent resources screen', () => {
  it('lists, describes, deletes (after a confirmation naming it) and creates from the form, asking a bad answer again', async () => {
    const [operation] = await env.clients.persistentResources.createPersistentResource({
      parent: PARENT,
      persistentResourceId: 'e2e-pool',
      persistentResource: {
        resourcePools: [{id: 'cpu', machineSpec: {machineType: 'n1-standard-4'}, replicaCount: 2}],
      },
    });
    await operation.promise();
    // With no job at all the app opens on the wizard; one job puts it on the list.
    await env.createJob('pr-marker', ['out:done']);

    const screen = new PtyScreen(
      ['--project', 'test-project', '--region', 'us-central1'],
      {VTRAIN_DATA_DIR: env.dataDir, VTRAIN_SETTINGS: path.join(env.dataDir, 'settings.json')},
      130,
      44,
    );
    env.screens.push(screen);
    await screen.waitFor(/pr-marker/, 30_000);
    await screen.press('?');
    await screen.waitFor(/P\s+persistent resources: warm machine pools jobs can run on/);
    await screen.press('q');
    await screen.press('P');
    await screen.waitFor(/e2e-pool RUNNING cpu n1-standard-4 0\/2 used/, 30_000);

    await screen.press('d');
    await screen.waitFor(/Persistent resource e2e-pool/);
    await screen.waitFor(/machineType: n1-standard-4/);
    await screen.press('q');
    await screen.waitFor(/e2e-pool RUNNING/);

    await screen.press('x');
    await screen.waitFor(/Delete persistent resource "e2e-pool"\?/);
    await screen.press('n');
    await screen.waitFor(/not deleted/);
    const [still] = await env.clients.persistentResources.listPersistentResources({
      parent: PARENT,
    });
    expect(still.map((r) => r.name)).toEqual([`${PARENT}/persistentResources/e2e-pool`]);

    await screen.press('x');
    await screen.waitFor(/Delete persistent resource "e2e-pool"\?/);
    await screen.press('y');
    await screen.waitFor(/No persistent resources in projects\/test-project/, 30_000);
    await waitFor(
      async () => {
        const [left] = await env.clients.persistentResources.listPersistentResources({
          parent: PARENT,
        });
        return left.length === 0 || undefined;
      },
      30_000,
      'the resource to be deleted',
    );

    // Create from the form: a bad answer is asked again with the rule, keeping what was typed
    // and the answers before it.
    await screen.press('n');
    await screen.waitFor(/Persistent resource id:/);
    await screen.press('\r');
    await screen.waitFor(/id: lowercase letters, digits and "-", starting with a letter/);
    await screen.press('Form-Pool\r');
    await screen.waitFor(/Form-Pool/);
    await screen.waitFor(/id: lowercase letters/);
    for (let i = 0; i < 'Form-Pool'.length; i++) await screen.press('\x7f', 20);
    await screen.press('form-pool\r');
    await screen.waitFor(/Machine type: n1-standard-4/);
    await screen.press('\r');
    await screen.waitFor(/Accelerator \(empty for none\):/);
    await screen.press('t4\r');
    await screen.waitFor(/accelerator: a type like NVIDIA_TESLA_T4, or empty for none/);
    await screen.press('\x7f\x7f');
    await screen.press('\r');
    await screen.waitFor(/Machines \(replica count\):/);
    await screen.press('\r');
    await screen.waitFor(
      /form-pool (PROVISIONING|RUNNING) cpu|form-pool .*n1-standard-4 0\/1 used/,
      30_000,
    );
    const [created] = await env.clients.persistentResources.getPersistentResource({
      name: `${PARENT}/persistentResources/form-pool`,
    });
    expect(created.resourcePools?.[0]?.machineSpec?.machineType).toBe('n1-standard-4');
    expect(created.resourcePools?.[0]?.machineSpec?.acceleratorType ?? 'none').toMatch(
      /none|ACCELERATOR_TYPE_UNSPECIFIED/,
    );
  });
});
