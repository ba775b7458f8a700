// The `gcloud ai custom-jobs create` command equivalent to a draft. gcloud's --worker-pool-spec
// flag cannot express per-pool args, env, disks or a timeout; when a draft needs those, the command
// points at a --config file instead, and `needsConfigFile` says so.
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import {shellQuote} from './shell-quote.js';

function poolFlag(pool: WorkerPoolDraft | undefined): string {
  if (!pool) return '';
  const keys: string[] = [
    `machine-type=${pool.machine.machineType}`,
    `replica-count=${pool.replicaCount}`,
  ];
  if (pool.machine.acceleratorType) {
    keys.push(`accelerator-type=${pool.machine.acceleratorType}`);
    keys.push(`accelerator-count=${pool.machine.acceleratorCount ?? 1}`);
  }
  if (pool.task.kind === 'python-package') {
    keys.push(`executor-image-uri=${pool.task.executorImageUri}`);
    keys.push(`python-module=${pool.task.pythonModule}`);
  } else {
    keys.push(`container-image-uri=${pool.task.imageUri}`);
  }
  return keys.join(',');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Why gcloud flags alone cannot describe this draft, or undefined when they can. */
export function needsConfigFile(draft: JobDraft): string | undefined {
  const pools = draft.workerPools.filter((p): p is WorkerPoolDraft => p !== undefined);
  const first = pools[0];
  if (!first) return undefined;
  if (pools.some((p) => !sameList(p.task.args, first.task.args))) return 'pools differ in args';
  if (pools.some((p) => p.task.env.length > 0)) return 'env vars need a config file';
  if (pools.some((p) => p.bootDiskType || p.bootDiskSizeGb)) return 'boot disks need a config file';
  if (draft.timeoutSeconds) return 'a timeout needs a config file';
  if (draft.baseOutputDirectory) return 'baseOutputDirectory needs a config file';
  const packages = pools.map((p) => (p.task.kind === 'python-package' ? p.task.packageUris : []));
  if (packages.some((uris) => uris.length > 0 && !sameList(uris, packages[0] ?? []))) {
    return 'pools use different packages';
  }
  return undefined;
}

/** The command as argv words (first word `gcloud`). */
export function gcloudCreateArgv(draft: JobDraft): string[] {
  const argv = [
    'gcloud',
    'ai',
    'custom-jobs',
    'create',
    `--project=${draft.project}`,
    `--region=${draft.region}`,
    `--display-name=${draft.displayName}`,
  ];
  if (needsConfigFile(draft)) {
    argv.push('--config=job.yaml');
    return argv;
  }
  for (const pool of draft.workerPools.slice(0, lastUsedSlot(draft) + 1)) {
    argv.push(`--worker-pool-spec=${poolFlag(pool)}`);
  }
  const primary = draft.workerPools[0];
  if (primary.task.kind === 'python-package' && primary.task.packageUris.length > 0) {
    argv.push(`--python-package-uris=${primary.task.packageUris.join(',')}`);
  }
  if (primary.task.args.length > 0) argv.push(`--args=${primary.task.args.join(',')}`);
  if (primary.task.kind === 'container' && primary.task.command.length > 0) {
    argv.push(`--command=${primary.task.command.join(',')}`);
  }
  const labels = Object.entries(draft.labels);
  if (labels.length > 0) argv.push(`--labels=${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  if (draft.serviceAccount) argv.push(`--service-account=${draft.serviceAccount}`);
  return argv;
}

function lastUsedSlot(draft: JobDraft): number {
  let last = 0;
  draft.workerPools.forEach((pool, index) => {
    if (pool) last = index;
  });
  return last;
}

export function gcloudCreateCommand(draft: JobDraft): string {
  return gcloudCreateArgv(draft).map(shellQuote).join(' ');
}
