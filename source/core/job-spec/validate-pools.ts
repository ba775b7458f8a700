// Rules for one worker pool: machine, accelerators, TPU shape, disk, and the task it runs.
import type {WorkerPoolDraft} from './draft.js';
import {
  acceleratorOptionsFor,
  findAccelerator,
  findMachineType,
  findPrebuiltImage,
  isReductionServerImage,
  parsePrebuiltUri,
  tpuTopologiesFor,
} from './catalog.js';
import {catalogUpdateFix, newerAvailableImage} from './catalog-health.js';
import type {PrebuiltImage} from './catalog-types.js';
import {daysBetween, GCS_URI, isStringList, type RuleContext} from './validate-context.js';
import {DISK_TYPES} from './compute-choices.js';

// Its own file so the wizard's compute step offers them without loading these rules.
export {DISK_TYPES} from './compute-choices.js';
export const MAX_ENV_VARS = 100;
export const MAX_PACKAGE_URIS = 100;
export const MAX_ARGS_CHARS = 100_000;
/** Warn this many days before an accelerator or image reaches its end date. */
const END_DATE_NOTICE_DAYS = 90;

export function validatePool(pool: WorkerPoolDraft, index: number, ctx: RuleContext): void {
  const path = `workerPools[${index}]`;
  const {add} = ctx;
  if (!Number.isInteger(pool.replicaCount) || pool.replicaCount < 1) {
    add(
      'replica-count',
      `${path}.replicaCount`,
      `replica count must be a whole number ≥ 1; it is ${String(pool.replicaCount)}`,
      'set a replica count of 1 or more, or remove the pool',
    );
  }
  validateMachine(pool, path, ctx);
  validateDisk(pool, path, ctx);
  validateTask(pool, path, ctx);
}

function validateMachine(pool: WorkerPoolDraft, path: string, ctx: RuleContext): void {
  const {add, catalog} = ctx;
  const {machineType, acceleratorType, acceleratorCount, tpuTopology} = pool.machine;
  const machinePath = `${path}.machineSpec`;
  if (!machineType || machineType.trim() === '') {
    add(
      'machine-type-required',
      `${machinePath}.machineType`,
      'machine type is required in every used pool',
      'pick a machine type, e.g. n1-standard-4',
    );
    return;
  }
  const machine = findMachineType(machineType, catalog);
  if (!machine) {
    add(
      'machine-type-known',
      `${machinePath}.machineType`,
      `machine type ${machineType} is not in the catalog (${catalog.date}) of custom-training types`,
      'pick a listed type, or add it to the catalog in your settings if Vertex now offers it',
      'warning',
    );
  }
  const hasType = acceleratorType !== undefined && acceleratorType !== '';
  const hasCount = acceleratorCount !== undefined;
  if (hasType !== hasCount) {
    add(
      'accelerator-pairing',
      `${machinePath}.${hasType ? 'acceleratorCount' : 'acceleratorType'}`,
      `accelerator type and count go together; only the ${hasType ? 'type' : 'count'} is set`,
      hasType ? 'set acceleratorCount, e.g. 1' : 'set acceleratorType or remove the count',
    );
  }
  if (hasCount && (!Number.isInteger(acceleratorCount) || (acceleratorCount ?? 0) < 1)) {
    add(
      'accelerator-count-format',
      `${machinePath}.acceleratorCount`,
      `accelerator count must be a whole number ≥ 1; it is ${String(acceleratorCount)}`,
      'set a count such as 1, 2, 4 or 8',
    );
  }
  const topologies = tpuTopologiesFor(machineType, catalog);
  const options = acceleratorOptionsFor(machineType, catalog);
  if (hasType) {
    const accelerator = findAccelerator(acceleratorType, catalog);
    if (!accelerator) {
      add(
        'accelerator-known',
        `${machinePath}.acceleratorType`,
        `accelerator type ${acceleratorType} is not an AcceleratorType enum name`,
        'use a name such as NVIDIA_TESLA_T4, NVIDIA_L4 or TPU_V3',
      );
    } else {
      if (accelerator.deprecated) {
        add(
          'accelerator-deprecated',
          `${machinePath}.acceleratorType`,
          `accelerator ${acceleratorType} is deprecated and no longer offered`,
          'choose a current GPU such as NVIDIA_TESLA_T4 or NVIDIA_L4',
          'warning',
        );
      }
      if (
        accelerator.endOfSupport &&
        daysBetween(ctx.today, accelerator.endOfSupport) <= END_DATE_NOTICE_DAYS
      ) {
        add(
          'accelerator-end-of-support',
          `${machinePath}.acceleratorType`,
          `accelerator ${acceleratorType} reaches end of support on ${accelerator.endOfSupport}`,
          'move to a newer GPU (e.g. NVIDIA_L4 on g2 or NVIDIA_TESLA_T4 on n1)',
          'warning',
        );
      }
    }
    if (machine && accelerator) {
      const option = options.find((o) => o.acceleratorType === acceleratorType);
      if (!option) {
        const accepted = options.map((o) => o.acceleratorType);
        add(
          'machine-accelerator',
          `${machinePath}.acceleratorType`,
          `machine type ${machineType} does not accept ${acceleratorType}`,
          accepted.length > 0
            ? `use ${[...new Set(accepted)].join(' or ')} on ${machineType}, or a machine family that takes ${acceleratorType}`
            : `${machineType} takes no accelerators: remove it, or pick an n1, g2, a2, a3 or a4 type`,
        );
      } else if (hasCount && !option.counts.includes(acceleratorCount ?? 0)) {
        add(
          'accelerator-count-allowed',
          `${machinePath}.acceleratorCount`,
          `${machineType} needs ${acceleratorType} × ${option.counts.join(' or ')}; you chose × ${String(acceleratorCount)}`,
          `set the count to ${option.counts.join(' or ')}, or pick another machine type`,
        );
      }
    }
    if (machine?.family === 'n1' && machine.vcpus < 4 && accelerator?.kind === 'GPU') {
      add(
        'gpu-small-n1',
        `${machinePath}.machineType`,
        `GPUs on a small N1 machine (${machineType}, ${machine.vcpus} vCPU) may starve the GPU and break logging`,
        'use n1-standard-4 or larger',
        'warning',
      );
    }
  } else if (machine?.acceleratorRequired && !topologies) {
    const first = options[0];
    add(
      'machine-accelerator',
      `${machinePath}.acceleratorType`,
      first
        ? `${machineType} needs ${first.acceleratorType} × ${first.counts.join(' or ')}; none is set`
        : `machine type ${machineType} only runs with its accelerators; none is set`,
      first
        ? `set acceleratorType ${first.acceleratorType} and acceleratorCount ${first.counts.join(' or ')}`
        : `set the accelerator that ${machineType} is built for`,
    );
  }
  if (topologies) {
    if (!tpuTopology) {
      add(
        'tpu-topology',
        `${machinePath}.tpuTopology`,
        `TPU machine ${machineType} needs a tpuTopology`,
        `set tpuTopology to ${topologies.join(' or ')}`,
      );
    } else if (!topologies.includes(tpuTopology)) {
      add(
        'tpu-topology',
        `${machinePath}.tpuTopology`,
        `topology ${tpuTopology} does not match TPU machine ${machineType}`,
        `use ${topologies.join(' or ')}`,
      );
    }
  } else if (tpuTopology) {
    add(
      'tpu-topology',
      `${machinePath}.tpuTopology`,
      `tpuTopology only applies to TPU v5e/v6e machine types; ${machineType} is not one`,
      'remove tpuTopology, or pick a ct5lp-hightpu-* or ct6e-standard-* machine',
    );
  }
}

function validateDisk(pool: WorkerPoolDraft, path: string, ctx: RuleContext): void {
  if (
    pool.bootDiskType !== undefined &&
    !(DISK_TYPES as readonly string[]).includes(pool.bootDiskType)
  ) {
    ctx.add(
      'disk-type',
      `${path}.diskSpec.bootDiskType`,
      `boot disk type must be ${DISK_TYPES.join(', ')}; it is ${pool.bootDiskType}`,
      'pick pd-ssd (default), pd-standard or hyperdisk-balanced',
    );
  }
  const size = pool.bootDiskSizeGb;
  if (size !== undefined && (!Number.isInteger(size) || size < 100 || size > 64_000)) {
    ctx.add(
      'disk-size',
      `${path}.diskSpec.bootDiskSizeGb`,
      `boot disk size must be a whole number of GB from 100 to 64,000; it is ${String(size)}`,
      'set a size between 100 and 64000, or leave it empty for 100 GB',
    );
  }
}

function validateTask(pool: WorkerPoolDraft, path: string, ctx: RuleContext): void {
  const {add} = ctx;
  const task = pool.task as unknown as Record<string, unknown>;
  const isPackage = pool.task.kind === 'python-package';
  const specPath = `${path}.${isPackage ? 'pythonPackageSpec' : 'containerSpec'}`;
  const foreign = isPackage
    ? ['imageUri', 'command'].filter((key) => task[key] !== undefined)
    : ['executorImageUri', 'packageUris', 'pythonModule'].filter((key) => task[key] !== undefined);
  if (
    foreign.length > 0 ||
    (pool.task.kind !== 'python-package' && pool.task.kind !== 'container')
  ) {
    add(
      'task-exclusive',
      path,
      `a pool runs either a Python package or a container, not both (found ${foreign.join(', ') || String(task.kind)})`,
      'keep only pythonPackageSpec or only containerSpec',
    );
  }
  for (const key of isPackage ? ['args', 'packageUris'] : ['command', 'args']) {
    if (!isStringList(task[key])) {
      add(
        'list-fields',
        `${specPath}.${key}`,
        `${key} must be a list of strings`,
        `write ${key} as a list, e.g. ["--epochs=10"], one word per item`,
      );
    }
  }
  const env = Array.isArray(task.env) ? (task.env as {name?: unknown; value?: unknown}[]) : [];
  if (env.length > MAX_ENV_VARS) {
    add(
      'env-limit',
      `${specPath}.env`,
      `at most ${MAX_ENV_VARS} environment variables per container; there are ${env.length}`,
      'pass settings as args or in a config file instead',
    );
  }
  const seen = new Set<string>();
  env.forEach((variable, i) => {
    const name = variable.name;
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || seen.has(name)) {
      add(
        'env-name',
        `${specPath}.env[${i}].name`,
        `environment variable names must be unique identifiers; ${JSON.stringify(name)} is not`,
        'use letters, digits and _ (not starting with a digit), each name once',
      );
    }
    if (typeof name === 'string') seen.add(name);
  });
  const args = isStringList(task.args) ? task.args : [];
  const argChars = args.reduce((sum, arg) => sum + arg.length, 0);
  if (argChars > MAX_ARGS_CHARS) {
    add(
      'args-length',
      `${specPath}.args`,
      `the combined length of all args is at most 100,000 characters; these have ${argChars}`,
      'move long values into a file in Cloud Storage and pass its gs:// URI',
    );
  }
  if (pool.task.kind === 'python-package') {
    validatePackage(pool.task, specPath, ctx);
  } else {
    validateContainer(pool.task.imageUri, specPath, ctx);
  }
}

function validatePackage(
  task: Extract<WorkerPoolDraft['task'], {kind: 'python-package'}>,
  specPath: string,
  ctx: RuleContext,
): void {
  const {add, catalog} = ctx;
  if (!task.pythonModule || task.pythonModule.trim() === '') {
    add(
      'python-module-required',
      `${specPath}.pythonModule`,
      'python module is required',
      'name the module to run, e.g. trainer.task',
    );
  }
  const uris = isStringList(task.packageUris) ? task.packageUris : [];
  if (uris.length === 0 && !task.localPackagePath) {
    add(
      'package-required',
      `${specPath}.packageUris`,
      'a Python package is required',
      'give a gs:// package URI or a local package folder',
    );
  }
  if (uris.length > MAX_PACKAGE_URIS) {
    add(
      'package-uris-limit',
      `${specPath}.packageUris`,
      `at most ${MAX_PACKAGE_URIS} package URIs; there are ${uris.length}`,
      'bundle dependencies into fewer packages',
    );
  }
  uris.forEach((uri, i) => {
    if (!GCS_URI.test(uri) || uri.endsWith('/')) {
      add(
        'package-uri-format',
        `${specPath}.packageUris[${i}]`,
        `package URIs must be gs://bucket/object; ${uri} is not`,
        'use gs://BUCKET/path/package.tar.gz',
      );
    }
  });
  const image = findPrebuiltImage(task.executorImageUri, catalog);
  if (!image) {
    const parsed = parsePrebuiltUri(task.executorImageUri);
    add(
      'executor-image-prebuilt',
      `${specPath}.executorImageUri`,
      parsed
        ? `pre-built images must use the :latest tag and be listed; ${task.executorImageUri} is not`
        : 'Python packages must run on a pre-built training image ending in :latest',
      parsed
        ? `use ${parsed.prefix}-docker.pkg.dev/vertex-ai/training/${parsed.name}:latest or pick from the list`
        : 'pick a pre-built image from the list, or use a custom container instead',
    );
    return;
  }
  // The local emulator never pulls the image: there the wizard says it as a note (catalog-note.ts).
  if (ctx.backend === 'local') return;
  if (image.endOfAvailability < ctx.today) {
    // What Vertex answers for an expired image is not documented: "may refuse" (the pre-built
    // containers page gives the date, https://cloud.google.com/vertex-ai/docs/training/pre-built-containers).
    add(
      'image-end-of-availability',
      `${specPath}.executorImageUri`,
      `${image.name} passed its end of availability (${image.endOfAvailability}): Vertex AI may refuse it`,
      newerImageFix(image, ctx),
      'warning',
    );
  } else if (image.endOfSupport && image.endOfSupport < ctx.today) {
    add(
      'image-end-of-support',
      `${specPath}.executorImageUri`,
      `${image.name} passed its end of support (${image.endOfSupport}); it gets no more patches`,
      newerImageFix(image, ctx),
      'warning',
    );
  }
}

/** Only suggest a newer version when the catalog lists one; otherwise say how to get one. */
function newerImageFix(image: PrebuiltImage, ctx: RuleContext): string {
  const newer = newerAvailableImage(ctx.catalog, image, ctx.today);
  if (newer)
    return `pick ${newer.framework} ${newer.version} (${newer.name}) in the container step`;
  return `the catalog lists no newer ${image.framework} ${image.accelerator} image: use a custom container, or ${catalogUpdateFix('the settings file')}`;
}

function validateContainer(imageUri: string, specPath: string, ctx: RuleContext): void {
  if (!imageUri || imageUri.trim() === '') {
    ctx.add(
      'container-image-required',
      `${specPath}.imageUri`,
      'container image URI is required',
      'give an image URI such as us-docker.pkg.dev/PROJECT/REPO/IMAGE:TAG',
    );
    return;
  }
  if (isReductionServerImage(imageUri, ctx.catalog) || parsePrebuiltUri(imageUri)) return;
  const lastSegment = imageUri.split('/').pop() ?? '';
  if (!imageUri.includes('@') && (!lastSegment.includes(':') || lastSegment.endsWith(':latest'))) {
    ctx.add(
      'image-latest-drift',
      `${specPath}.imageUri`,
      `image ${imageUri} floats on :latest, so reruns may use different code`,
      'pin a version tag or an @sha256 digest',
      'warning',
    );
  }
}
