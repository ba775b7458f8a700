// An in-process emulator that runs container replicas under the test engine (container-image.ts)
// with no queue or provisioning delay, its busybox image built first and removed after. Shared by
// the Podman emulator tests.
import {buildBusyboxImage, ENGINE, removeImage} from './container-image.js';
import {startTestEmulator, type TestEmulator} from './emulator.js';
import type {EmulatorOptions} from '../../source/emulator/server.js';

/** `files`: extra files of the image (buildBusyboxImage). */
export async function startContainerEmulator(
  image: string,
  overrides: Partial<Omit<EmulatorOptions, 'key' | 'dataDir'>> = {},
  files?: Record<string, string>,
): Promise<TestEmulator> {
  buildBusyboxImage(image, files);
  return startTestEmulator({
    queueDelayMs: 0,
    provisionDelayMs: 0,
    containerEngines: [ENGINE],
    ...overrides,
  });
}

/** Stops the emulator (when it started) and removes the image. */
export async function closeContainerEmulator(
  env: TestEmulator | undefined,
  image: string,
): Promise<void> {
  await env?.close();
  removeImage(image);
}
