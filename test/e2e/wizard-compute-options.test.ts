// Issue 25 in the wizard, in a real pseudo-terminal at 80×24 against the local emulator: a job on
// an A100 that consumes a specific reservation, and a flex-start A100 job with a maximum wait.
// The compute step offers a reservation for the pool and flex-start only once the GPU is one
// Dynamic Workload Scheduler serves; the review's summary and its config view carry them.
import {afterEach, describe, expect, it} from 'vitest';
import type {PtyScreen} from '../helpers/pty-screen.js';
import {typeKeys, WizardTerminals} from '../helpers/wizard-terminals.js';

const ENTER = '\r';
const UP = '\x1b[A';
const DOWN = '\x1b[B';
const RESERVATION = 'projects/local-project/zones/us-central1-a/reservations/a100-res';
const terminals = new WizardTerminals('vtrain-e2e-compute-');
const open = async () => (await terminals.open()).screen;
const type = (screen: PtyScreen, text: string) => typeKeys(screen, text, 20);

/** Moves the form cursor to the field labelled `label`: down to Continue, then up. */
async function focus(screen: PtyScreen, label: string) {
  const at = new RegExp(`❯ ${label}`);
  for (let i = 0; i < 20 && !at.test(screen.screen()); i++) {
    if (/❯ Continue/.test(screen.screen())) break;
    await screen.press(DOWN);
  }
  for (let i = 0; i < 20 && !at.test(screen.screen()); i++) await screen.press(UP);
  await screen.waitFor(at);
}

/** Opens a choice, filters it by `filter` and takes the first match. */
async function choose(screen: PtyScreen, label: string, filter: string) {
  await focus(screen, label);
  await screen.press(ENTER);
  await type(screen, filter);
  await screen.press(ENTER);
}

async function toCompute(screen: PtyScreen) {
  await screen.waitFor(/local emulator ready/, 30_000);
  await screen.press(ENTER); // where
  await screen.press(ENTER); // custom training
  await screen.waitFor(/step 3\/8: Workflow/);
  await screen.press(ENTER); // custom job
  await screen.waitFor(/step 4\/8: Container/);
  await screen.press(ENTER); // the example package on pre-built PyTorch
  await screen.waitFor(/step 5\/8: Compute/);
  await choose(screen, 'Machine type', 'a2-highgpu-1g');
  await screen.waitFor(/Accelerator\s+1 × NVIDIA_TESLA_A100/);
}

/** From the Compute step's last field through Worker pools (the workers pool removed) to Review. */
async function toReview(screen: PtyScreen) {
  await focus(screen, 'Continue');
  await screen.press(ENTER);
  await screen.waitFor(/step 6\/8: Worker pools/);
  // The workers pool (selected first) goes: flex-start wants the same machine in every pool.
  await screen.press('x');
  await screen.waitFor(/Worker pools|1 pool/);
  await screen.press('\t'); // next step
  await screen.waitFor(/step 7\/8: Options/);
  await screen.press(ENTER);
  return screen.waitFor(/step 8\/8: Review/);
}

afterEach(() => terminals.closeAll());

describe('compute options in the wizard at 80×24', () => {
  it('a reserved A100 job: the review and the config file carry the reservation', async () => {
    const screen = await open();
    await toCompute(screen);
    // A100 is MIG-capable, so the partition field is offered too.
    expect(screen.screen()).toMatch(/GPU partition\s+whole GPUs/);
    await choose(screen, 'Reservation', 'specific');
    await focus(screen, 'Reservation name');
    await screen.press(ENTER);
    await type(screen, RESERVATION);
    await screen.press(ENTER);
    await screen.waitFor(/Reservation name\s+projects\/local-project\/zones/);
    const review = await toReview(screen);
    expect(review).toMatch(
      /Compute\s+a2-highgpu-1g \+ 1× NVIDIA_TESLA_A100 · reservation a100-res/,
    );
    await screen.press('v');
    await screen.press('v'); // the config file (gcloud has no reservation flag)
    const config = await screen.waitFor(/reservationAffinityType: SPECIFIC_RESERVATION/);
    expect(config).toMatch(/key: compute\.googleapis\.com\/reservation-name/);
  });

  it('a flex-start job: offered for the A100, its max wait shown in the review', async () => {
    const screen = await open();
    await screen.waitFor(/local emulator ready/, 30_000);
    // On the default n1-standard-4 without a GPU flex-start is not offered.
    await screen.press(ENTER);
    await screen.press(ENTER);
    await screen.waitFor(/step 3\/8: Workflow/);
    await screen.press(ENTER);
    await screen.waitFor(/step 4\/8: Container/);
    await screen.press(ENTER);
    await screen.waitFor(/step 5\/8: Compute/);
    await focus(screen, 'Scheduling');
    await screen.press(ENTER);
    const list = await screen.waitFor(/Spot VMs/);
    expect(list).not.toMatch(/flex-start/);
    await screen.press('\x1b'); // close the list
    await choose(screen, 'Machine type', 'a2-highgpu-1g');
    await screen.waitFor(/Accelerator\s+1 × NVIDIA_TESLA_A100/);
    await choose(screen, 'Scheduling', 'flex');
    await screen.waitFor(/Scheduling\s+flex-start/);
    await focus(screen, 'Max wait');
    await screen.press(ENTER);
    await type(screen, '2h');
    await screen.press(ENTER);
    await screen.waitFor(/Max wait\s+2h/);
    const review = await toReview(screen);
    expect(review).toMatch(
      /Compute\s+a2-highgpu-1g \+ 1× NVIDIA_TESLA_A100 · flex-start, max wait 2h/,
    );
    expect(review).not.toMatch(/✖/);
    await screen.press('v');
    await screen.press('v');
    await screen.waitFor(/\[Config file\]/);
    await screen.press('\x1b[6~'); // page down to the scheduling block
    const config = await screen.waitFor(/strategy: FLEX_START/);
    expect(config).toMatch(/maxWaitDuration: 7200s/);
  });
});
