// The draft the wizard starts from: the bundled distributed example trainer on a primary plus a
// worker pool of two replicas, ready to run on the local emulator as is.
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import {prebuiltImageUri} from './catalog.js';

export interface ExampleDraftOptions {
  project: string;
  region: string;
  /** Absolute path of the example package folder (holding setup.py and trainer/). */
  packagePath: string;
  stagingBucket: string;
  now?: Date;
}

export function stagedPackageUri(bucket: string, packageName: string): string {
  return `gs://${bucket}/vtrain-packages/${packageName}.tar.gz`;
}

export function exampleDraft(options: ExampleDraftOptions): JobDraft {
  const stamp = (options.now ?? new Date()).toISOString().replace(/\D/g, '').slice(0, 14);
  const pool = (replicaCount: number): WorkerPoolDraft => ({
    machine: {machineType: 'n1-standard-4'},
    replicaCount,
    task: {
      kind: 'python-package',
      executorImageUri: prebuiltImageUri('pytorch-xla.2-4.py310', options.region),
      packageUris: [stagedPackageUri(options.stagingBucket, 'trainer-0.1.0')],
      localPackagePath: options.packagePath,
      pythonModule: 'trainer.task',
      args: ['--epochs=40', '--learning-rate=0.3', '--epoch-delay=0.1'],
      env: [],
    },
  });
  return {
    trainingType: 'custom',
    workflow: 'custom-job',
    displayName: `example-linear-${stamp}`,
    project: options.project,
    region: options.region,
    workerPools: [pool(1), pool(2)],
    labels: {'created-by': 'vtrain-tui'},
  };
}
