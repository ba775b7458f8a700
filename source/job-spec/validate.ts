// Early validation of a draft. Each problem names the field path, the rule and a concrete fix, so
// the wizard can show it next to the field. Issue #3 grows this to the full rule set.
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import {MACHINE_TYPES, findPrebuiltImage} from './catalog.js';

export interface Problem {
  field: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
}

const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

export function validateDraft(draft: JobDraft, today = new Date()): Problem[] {
  const problems: Problem[] = [];
  const add = (
    field: string,
    message: string,
    fix: string,
    severity: Problem['severity'] = 'error',
  ) => problems.push({field, severity, message, fix});

  if (draft.displayName.trim() === '') {
    add('displayName', 'display name is required', 'type a name for the job');
  } else if ([...draft.displayName].length > 128) {
    add('displayName', 'display name is longer than 128 characters', 'shorten the name');
  }
  for (const [key, value] of Object.entries(draft.labels)) {
    if (!LABEL_KEY.test(key)) {
      add(
        `labels.${key}`,
        'label keys are 1-63 lowercase letters, digits, _ or -, starting with a letter',
        'rename the key',
      );
    }
    if (!LABEL_VALUE.test(value)) {
      add(
        `labels.${key}`,
        'label values are at most 63 lowercase letters, digits, _ or -',
        'change the value',
      );
    }
  }
  const primary = draft.workerPools[0];
  if (primary.replicaCount !== 1) {
    add(
      'workerPools[0].replicaCount',
      `the primary pool must have exactly 1 replica; it has ${primary.replicaCount}`,
      'set it to 1 and put extra replicas in worker pool 1',
    );
  }
  draft.workerPools.forEach((pool, index) => {
    if (pool) validatePool(pool, `workerPools[${index}]`, add, today);
  });
  if (!draft.timeoutSeconds) {
    add(
      'timeout',
      'no timeout set: Vertex stops the job only after 7 days',
      'set a timeout in options',
      'warning',
    );
  }
  return problems;
}

function validatePool(
  pool: WorkerPoolDraft,
  path: string,
  add: (field: string, message: string, fix: string, severity?: Problem['severity']) => void,
  today: Date,
): void {
  if (!Number.isInteger(pool.replicaCount) || pool.replicaCount < 1) {
    add(
      `${path}.replicaCount`,
      'replica count must be a whole number ≥ 1',
      'set a replica count of 1 or more',
    );
  }
  if (!MACHINE_TYPES.some((m) => m.name === pool.machine.machineType)) {
    add(
      `${path}.machineSpec.machineType`,
      `unknown machine type ${pool.machine.machineType}`,
      'pick a machine type from the list',
      'warning',
    );
  }
  if (pool.task.kind === 'python-package') {
    const task = pool.task;
    if (task.pythonModule.trim() === '') {
      add(
        `${path}.pythonPackageSpec.pythonModule`,
        'python module is required',
        'name the module to run, e.g. trainer.task',
      );
    }
    if (task.packageUris.length === 0 && !task.localPackagePath) {
      add(
        `${path}.pythonPackageSpec.packageUris`,
        'a Python package is required',
        'give a gs:// package URI or a local package folder',
      );
    }
    for (const uri of task.packageUris) {
      if (!/^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}\/.+/.test(uri)) {
        add(
          `${path}.pythonPackageSpec.packageUris`,
          `${uri} is not a gs://bucket/object URI`,
          'use gs://BUCKET/path/package.tar.gz',
        );
      }
    }
    const image = findPrebuiltImage(task.executorImageUri);
    if (!image) {
      add(
        `${path}.pythonPackageSpec.executorImageUri`,
        'Python packages must run on a pre-built training image ending in :latest',
        'pick a pre-built image from the list',
      );
    } else if (image.endOfAvailability < today.toISOString().slice(0, 10)) {
      add(
        `${path}.pythonPackageSpec.executorImageUri`,
        `${image.name} passed its end of availability (${image.endOfAvailability})`,
        'pick a newer framework version',
        'warning',
      );
    }
  } else if (pool.task.imageUri.trim() === '') {
    add(
      `${path}.containerSpec.imageUri`,
      'container image URI is required',
      'give an image URI such as us-docker.pkg.dev/PROJECT/REPO/IMAGE:TAG',
    );
  }
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}
