// `vtrain-tui emulator start --packages-in-image` (the built CLI; run `npm run build` first) under a
// real engine (Podman): the background service it starts runs a Python package pool inside its
// pre-built image when the engine has it locally, as the pre-built containers run it
// (`python3 -m MODULE ARGS`, cloud.google.com/vertex-ai/docs/training/create-python-pre-built-container).
// The image is a busybox stand-in whose python3 says how it was run (container-image.ts). It
// takes a real catalog URI, so the test skips rather than replace an image of that name the user
// may have; the URI differs from podman-containers.test.ts's, so the two files never share it.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Clients} from '../../source/services/vertex/clients.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {
  buildBusyboxImage,
  containerSkipReason,
  containersOfEmulator,
  ENGINE,
  imageExists,
  removeImage,
} from '../helpers/container-image.js';
import {EXAMPLE_PACKAGE, jobLogLines, waitFor} from '../helpers/emulator.js';
import {connect, PARENT, runCli, tempDataDir} from '../helpers/service.js';

const PREBUILT = 'us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-2.py310:latest';
const PACKAGE_URI = 'gs://staging/flag/trainer-0.1.tar.gz';
const ENGINES = {VTRAIN_EMULATOR_CONTAINER_ENGINES: ENGINE};

describe.skipIf(containerSkipReason !== undefined || imageExists(PREBUILT))(
  `emulator start --packages-in-image under ${ENGINE}`,
  () => {
    let dataDir: string;
    let clients: Clients | undefined;

    beforeAll(async () => {
      buildBusyboxImage(PREBUILT, {
        'bin/python3': '#!/bin/sh\necho "python3 in the image: $*"\n',
      });
      dataDir = await tempDataDir();
    }, 120_000);
    afterAll(async () => {
      await clients?.close();
      if (dataDir) {
        await runCli(['emulator', 'stop', '--data-dir', dataDir]);
        expect(containersOfEmulator(dataDir)).toEqual([]);
        await fs.rm(dataDir, {recursive: true, force: true});
      }
      removeImage(PREBUILT);
    });

    it('runs the package pool inside its pre-built image', async () => {
      const started = await runCli(
        ['emulator', 'start', '--data-dir', dataDir, '--packages-in-image'],
        ENGINES,
      );
      expect(started.code, started.stderr).toBe(0);
      clients = (await connect(dataDir)).clients;
      await stagePackageLocally(EXAMPLE_PACKAGE, PACKAGE_URI, path.join(dataDir, 'buckets'));
      const [job] = await clients.jobs.createCustomJob({
        parent: PARENT,
        customJob: {
          displayName: 'package in image',
          jobSpec: {
            workerPoolSpecs: [
              {
                machineSpec: {machineType: 'n1-standard-4'},
                replicaCount: 1,
                pythonPackageSpec: {
                  executorImageUri: PREBUILT,
                  packageUris: [PACKAGE_URI],
                  pythonModule: 'trainer.task',
                  args: ['--epochs=1'],
                },
              },
            ],
          },
        },
      });
      const name = job.name as string;
      const done = await waitFor(
        async () => {
          const [current] = await clients!.jobs.getCustomJob({name});
          return ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED'].includes(String(current.state))
            ? current
            : undefined;
        },
        90_000,
        'the job to finish',
      );
      const messages = (await jobLogLines(clients, name.split('/').pop()!)).map((l) => l.message);
      expect(done.state, messages.join('\n')).toBe('JOB_STATE_SUCCEEDED');
      expect(messages).toContain('python3 in the image: -m trainer.task --epochs=1');
    });
  },
);
