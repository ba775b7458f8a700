// The draft the wizard starts from: the bundled distributed example trainer on a primary plus a
// worker pool of two replicas, ready to run on the local emulator as is.
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import {BUILTIN_CATALOG, prebuiltImageUri} from './catalog.js';
import {defaultImageFor} from './catalog-health.js';
import type {Catalog} from './catalog-types.js';

export interface ExampleDraftOptions {
  project: string;
  region: string;
  /** Absolute path of the example package folder (holding setup.py and trainer/). */
  packagePath: string;
  stagingBucket: string;
  now?: Date;
  /** Catalog to pick the image from (the built-in one by default). */
  catalog?: Catalog;
}

/** Used only when the catalog lists no PyTorch CPU image at all. */
const FALLBACK_EXAMPLE_IMAGE = 'pytorch-xla.2-4.py310';

/**
 * The trainer uses only the standard library, so any PyTorch CPU image runs it: take the newest one
 * still available. When every PyTorch CPU image has expired the example still has to run on the
 * local emulator, so it takes the newest one listed; the wizard's catalog notice and the review's
 * end-of-availability warning then say so (catalog-health.ts, validate-pools.ts).
 */
export function exampleImageName(catalog: Catalog, today: string): string {
  return defaultImageFor(catalog, 'PyTorch', 'CPU', today)?.image.name ?? FALLBACK_EXAMPLE_IMAGE;
}

export function stagedPackageUri(bucket: string, packageName: string): string {
  return `gs://${bucket}/vtrain-packages/${packageName}.tar.gz`;
}

export function exampleDraft(options: ExampleDraftOptions): JobDraft {
  const now = options.now ?? new Date();
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const image = exampleImageName(
    options.catalog ?? BUILTIN_CATALOG,
    now.toISOString().slice(0, 10),
  );
  const pool = (replicaCount: number): WorkerPoolDraft => ({
    machine: {machineType: 'n1-standard-4'},
    replicaCount,
    task: {
      kind: 'python-package',
      executorImageUri: prebuiltImageUri(image, options.region),
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
