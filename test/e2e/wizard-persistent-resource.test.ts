// The wizard's persistent-resource choice in a real terminal against the real emulator: with a
// RUNNING resource whose pool fits the example job (n1-standard-4, 1 + 2 replicas) and one that
// does not (an A100 pool), the Options step offers the first with its pool (machine, used/total)
// and lists the second with why it is not offered; another machine for the primary makes the
// review flag the choice (and the field say why) until it is set back; the review's gcloud command carries
// --persistent-resource-id, and the submitted job names the resource and holds its pool's
// machines while it runs (persistent_resource.proto ResourcePool.used_replica_count).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {dashboardEnvironment, ENTER} from '../helpers/dashboard-env.js';
import {waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';

const env = dashboardEnvironment();
const PARENT = 'projects/test-project/locations/us-central1';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

async function createResource(id: string, pool: Record<string, unknown>) {
  const [operation] = await env.clients.persistentResources.createPersistentResource({
    parent: PARENT,
    persistentResourceId: id,
    persistentResource: {resourcePools: [pool]},
  });
  await operation.promise();
}

/** Moves the form cursor to the field labelled `label`: down to Continue, then up. */
async function focus(screen: PtyScreen, label: string) {
  const at = new RegExp(`❯ ${label}`);
  for (let i = 0; i < 30 && !at.test(screen.screen()); i++) {
    if (/❯ Continue/.test(screen.screen())) break;
    await screen.press(DOWN);
  }
  for (let i = 0; i < 30 && !at.test(screen.screen()); i++) await screen.press(UP);
  await screen.waitFor(at);
}

/** esc from the review or the Options step back to the primary's Compute step. */
async function backToCompute(screen: PtyScreen) {
  for (let i = 0; i < 4 && !/step 5\/8: Compute/.test(screen.screen()); i++)
    await screen.press('\x1b', 300);
  await screen.waitFor(/step 5\/8: Compute · workerpool0/);
}

async function chooseMachine(screen: PtyScreen, machine: string) {
  await focus(screen, 'Machine type');
  await screen.press(ENTER);
  for (const char of machine) await screen.press(char, 20);
  await screen.press(ENTER);
  await screen.waitFor(new RegExp(`Machine type\\s+n1\\s+${machine}`));
}

/** Continue through Compute, Worker pools and Options to the review. */
async function forwardToReview(screen: PtyScreen) {
  await focus(screen, 'Continue');
  await screen.press(ENTER);
  await screen.waitFor(/step 6\/8: Worker pools/);
  await screen.press(ENTER);
  await screen.waitFor(/step 7\/8: Options/);
  await focus(screen, 'Continue');
  await screen.press(ENTER);
  await screen.waitFor(/step 8\/8: Review/);
}

describe('the wizard on a persistent resource', () => {
  it('offers the RUNNING resource the job fits, and the job runs on its pool', async () => {
    await createResource('wizard-pool', {
      id: 'cpu',
      machineSpec: {machineType: 'n1-standard-4'},
      replicaCount: 3,
    });
    await createResource('gpu-pool', {
      id: 'a100',
      machineSpec: {
        machineType: 'a2-highgpu-1g',
        acceleratorType: 'NVIDIA_TESLA_A100',
        acceleratorCount: 1,
      },
      replicaCount: 1,
    });
    // No job yet: the app opens on the wizard.
    const screen = new PtyScreen(
      ['--project', 'test-project', '--region', 'us-central1'],
      {VTRAIN_DATA_DIR: env.dataDir, VTRAIN_SETTINGS: path.join(env.dataDir, 'settings.json')},
      130,
      44,
    );
    env.screens.push(screen);
    await screen.waitFor(/step 1\/8: Where/, 30_000);
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER); // where
    await screen.waitFor(/step 2\/8: Training type/);
    await screen.press(ENTER); // custom training
    await screen.waitFor(/step 3\/8: Workflow/);
    await screen.press(ENTER); // custom job
    await screen.waitFor(/step 4\/8: Container/);
    await screen.press(ENTER); // the example package
    await screen.waitFor(/step 5\/8: Compute/);
    await screen.press(ENTER);
    await screen.waitFor(/step 6\/8: Worker pools/);
    await screen.press(ENTER);
    await screen.waitFor(/step 7\/8: Options/);
    await screen.waitFor(
      /1 of 2 persistent resources in projects\/test-project\/locations\/us-central1 fit this job/,
      30_000,
    );
    await focus(screen, 'Persistent resource');
    expect(screen.screen()).toMatch(/Persistent resource\s+none: the job gets its own machines/);
    await screen.press(ENTER);
    const list = await screen.waitFor(/wizard-pool · cpu n1-standard-4 0\/3 used/);
    expect(list).toMatch(
      /gpu-pool · a100 a2-highgpu-1g \+ 1×NVIDIA_TESLA_A100 0\/1 used \(not offered/,
    );
    // Highlighted, the one not offered says why in full.
    await screen.press(DOWN);
    await screen.press(DOWN);
    await screen.waitFor(/✖ not offered: no pool of n1-standard-4 \(disk pd-ssd\) for workerpool0/);
    for (const char of 'wizard') await screen.press(char, 20);
    await screen.press(ENTER);
    await screen.waitFor(/Persistent resource\s+wizard-pool · cpu n1-standard-4 0\/3 used/);

    await focus(screen, 'Continue');
    await screen.press(ENTER);
    const review = await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/);
    expect(review).not.toMatch(/✖/);

    // Another machine for the primary: the review judges the chosen resource again.
    await backToCompute(screen);
    await chooseMachine(screen, 'n1-highmem-8');
    await forwardToReview(screen);
    await screen.waitFor(/✖ .*persistent resource wizard-pool does not fit this job/);
    await screen.press('e'); // to the field that fixes it, which says why
    await screen.waitFor(/step 7\/8: Options/);
    await screen.waitFor(
      /wizard-pool does not fit this job: no pool of n1-highmem-8 \(disk\s+pd-ssd\) for\s+workerpool0/,
    );
    await backToCompute(screen);
    await chooseMachine(screen, 'n1-standard-4');
    await forwardToReview(screen);
    await screen.waitFor(/Press enter to submit/);
    expect(screen.screen()).not.toMatch(/✖/);
    await screen.press('v');
    await screen.press('v');
    await screen.press('v'); // the gcloud command
    await screen.waitFor(/--persistent-resource-id=wizard-pool/);

    await screen.press(ENTER); // submit
    const dashboard = await screen.waitFor(/customJobs\/(\d+) · local emulator/, 30_000);
    const id = /customJobs\/(\d+)/.exec(dashboard)?.[1] as string;
    const name = `${PARENT}/customJobs/${id}`;
    const [job] = await env.clients.jobs.getCustomJob({name});
    expect(job.jobSpec?.persistentResourceId).toBe('wizard-pool');
    // Its three replicas hold the pool's three machines until it ends, then give them back.
    const busy = await waitFor(
      async () => {
        const [resource] = await env.clients.persistentResources.getPersistentResource({
          name: `${PARENT}/persistentResources/wizard-pool`,
        });
        return String(resource.resourcePools?.[0]?.usedReplicaCount ?? '0') === '3'
          ? resource
          : undefined;
      },
      30_000,
      'the job to hold the pool',
    );
    expect(busy.state).toBe('RUNNING');
    await screen.waitFor(/SUCCEEDED for/, 90_000);
    await env.ended(name);
  });
});
