// The gcloud command equivalent to a draft. `gcloud ai custom-jobs create` can express simple jobs
// with --worker-pool-spec flags; per-pool args, env, disks, TPU topology and scheduling need a
// --config file instead, and `needsConfigFile` says why. Tuning jobs always need a config file.
// Training pipelines have no gcloud command: the export is the REST call (shown with curl).
import type {JobDraft, WorkerPoolDraft} from './draft.js';
import {buildCreateRequest} from './create-request.js';
import {gcloudConfigYaml, restRequest} from './export.js';
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
  if (buildCreateRequest(draft).method !== 'createCustomJob') {
    return 'tuning jobs and pipelines need a config file';
  }
  const pools = draft.workerPools.filter((p): p is WorkerPoolDraft => p !== undefined);
  const first = pools[0];
  if (!first) return undefined;
  if (pools.some((p) => !sameList(p.task.args, first.task.args))) return 'pools differ in args';
  // gcloud splits list flags on commas, so a word with a comma (or an empty word) needs the file.
  const words = pools.flatMap((p) => [
    ...p.task.args,
    ...(p.task.kind === 'container' ? p.task.command : []),
  ]);
  if (words.some((w) => w === '' || w.includes(',')))
    return 'an arg with a comma needs a config file';
  const commands = pools.flatMap((p) => (p.task.kind === 'container' ? [p.task.command] : []));
  if (commands.some((c) => !sameList(c, commands[0] ?? []))) return 'pools differ in command';
  if (pools.some((p) => p.task.env.length > 0)) return 'env vars need a config file';
  if (pools.some((p) => p.bootDiskType || p.bootDiskSizeGb)) return 'boot disks need a config file';
  if (pools.some((p) => p.machine.tpuTopology)) return 'a TPU topology needs a config file';
  // gcloud's --worker-pool-spec keys (command_lib/ai/custom_jobs/flags.py) have no reservation,
  // MIG or mount keys, and create has no network-range or PSC flags: those go in --config.
  if (pools.some((p) => p.machine.reservationAffinity))
    return 'a reservation affinity needs a config file';
  if (pools.some((p) => p.machine.gpuPartitionSize)) return 'a GPU partition needs a config file';
  if (pools.some((p) => p.nfsMounts?.length || p.lustreMounts?.length))
    return 'NFS and Lustre mounts need a config file';
  if (draft.reservedIpRanges?.length) return 'reserved IP ranges need a config file';
  if (draft.pscInterfaceConfig) return 'a PSC interface needs a config file';
  if (draft.timeoutSeconds) return 'a timeout needs a config file';
  if (
    draft.schedulingStrategy !== undefined ||
    draft.restartJobOnWorkerRestart !== undefined ||
    draft.disableRetries !== undefined ||
    draft.maxWaitSeconds !== undefined
  ) {
    return 'scheduling options need a config file';
  }
  if (draft.baseOutputDirectory) return 'baseOutputDirectory needs a config file';
  if (draft.tensorboard) return 'TensorBoard needs a config file';
  const packages = pools.map((p) => (p.task.kind === 'python-package' ? p.task.packageUris : []));
  if (packages.some((uris) => uris.length > 0 && !sameList(uris, packages[0] ?? []))) {
    return 'pools use different packages';
  }
  return undefined;
}

/**
 * Why the command names a gs:// package where the draft has a local folder: given the folder,
 * gcloud would build and push a container image (Docker, Artifact Registry), which the local
 * emulator and many dev boxes cannot do; the staged source package runs the same code anywhere.
 */
export function stagedPackageNote(draft: JobDraft): string | undefined {
  for (const pool of draft.workerPools) {
    if (pool?.task.kind !== 'python-package' || !pool.task.localPackagePath) continue;
    const uri = pool.task.packageUris[0];
    if (!uri) continue;
    return `names the staged package ${uri}, not the local folder (from which gcloud would build a container); vtrain-tui stages the folder on submit, under a name that follows its content`;
  }
  return undefined;
}

/**
 * What the command carries only in its file: a training pipeline's model serving container
 * (modelToUpload.containerSpec) has no gcloud flag (gcloud has no training-pipeline command; `ai
 * models upload --container-image-uri` uploads a model outside any pipeline), so it is said where
 * the command is shown.
 */
export function servingContainerNote(draft: JobDraft): string | undefined {
  if (buildCreateRequest(draft).method !== 'createTrainingPipeline') return undefined;
  if (draft.modelDisplayName === undefined || !draft.modelContainer) return undefined;
  return `the model's serving container (modelToUpload.containerSpec) is in ${REST_BODY_FILE_NAME}: gcloud has no flag for it`;
}

export const CONFIG_FILE_NAME = 'job.yaml';
export const REST_BODY_FILE_NAME = 'request.json';

function identityFlags(draft: JobDraft): string[] {
  const flags = [
    `--project=${draft.project}`,
    `--region=${draft.region}`,
    `--display-name=${draft.displayName}`,
  ];
  return flags;
}

function resourceFlags(draft: JobDraft): string[] {
  const flags: string[] = [];
  const labels = Object.entries(draft.labels);
  if (labels.length > 0) flags.push(`--labels=${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  if (draft.encryptionKeyName) flags.push(`--kms-key=${draft.encryptionKeyName}`);
  return flags;
}

/**
 * The command's words, grouped as its multi-line form shows them: the command itself (`gcloud ai
 * custom-jobs create`, or `curl`), then one flag per group with its value when that is a separate
 * word (`-H 'Content-Type: …'`), then positional words.
 */
function commandGroups(draft: JobDraft): string[][] {
  const {method} = buildCreateRequest(draft);
  if (method === 'createTrainingPipeline') {
    const {url} = restRequest(draft);
    return [
      ['curl'],
      ['-X', 'POST'],
      ['-H', 'Authorization: Bearer $(gcloud auth print-access-token)'],
      ['-H', 'Content-Type: application/json'],
      [`--data=@${REST_BODY_FILE_NAME}`],
      [url],
    ];
  }
  const one = (flags: string[]) => flags.map((flag) => [flag]);
  if (method === 'createHyperparameterTuningJob') {
    return [
      ['gcloud', 'ai', 'hp-tuning-jobs', 'create'],
      ...one([...identityFlags(draft), `--config=${CONFIG_FILE_NAME}`, ...resourceFlags(draft)]),
    ];
  }
  const head = ['gcloud', 'ai', 'custom-jobs', 'create'];
  if (needsConfigFile(draft)) {
    return [
      head,
      ...one([...identityFlags(draft), `--config=${CONFIG_FILE_NAME}`, ...resourceFlags(draft)]),
    ];
  }
  const flags = identityFlags(draft);
  for (const pool of draft.workerPools.slice(0, lastUsedSlot(draft) + 1)) {
    flags.push(`--worker-pool-spec=${poolFlag(pool)}`);
  }
  const primary = draft.workerPools[0];
  if (primary.task.kind === 'python-package' && primary.task.packageUris.length > 0) {
    flags.push(`--python-package-uris=${primary.task.packageUris.join(',')}`);
  }
  if (primary.task.args.length > 0) flags.push(`--args=${primary.task.args.join(',')}`);
  const container = draft.workerPools.find((p) => p?.task.kind === 'container');
  if (container?.task.kind === 'container' && container.task.command.length > 0) {
    flags.push(`--command=${container.task.command.join(',')}`);
  }
  flags.push(...resourceFlags(draft));
  if (draft.serviceAccount) flags.push(`--service-account=${draft.serviceAccount}`);
  if (draft.network) flags.push(`--network=${draft.network}`);
  if (draft.enableWebAccess) flags.push('--enable-web-access');
  if (draft.enableDashboardAccess) flags.push('--enable-dashboard-access');
  // gcloud's own flag (custom_jobs/flags.py _PERSISTENT_RESOURCE_ID); with --config the file has it.
  if (draft.persistentResourceId) {
    flags.push(`--persistent-resource-id=${draft.persistentResourceId}`);
  }
  return [head, ...one(flags)];
}

/** The command as argv words (first word `gcloud`, or `curl` for training pipelines). */
export function gcloudCreateArgv(draft: JobDraft): string[] {
  return commandGroups(draft).flat();
}

function lastUsedSlot(draft: JobDraft): number {
  let last = 0;
  draft.workerPools.forEach((pool, index) => {
    if (pool) last = index;
  });
  return last;
}

// The bearer token is the one word the shell must expand, so it is double-quoted, not quoted away.
function quoteWord(word: string): string {
  return word.startsWith('Authorization: Bearer $(') ? `"${word}"` : shellQuote(word);
}

/** The command on one line, quoted for a POSIX shell. */
export function gcloudCreateCommand(draft: JobDraft): string {
  return gcloudCreateArgv(draft).map(quoteWord).join(' ');
}

/** How far the lines after the first are indented in the multi-line form. */
export const COMMAND_CONTINUATION_INDENT = '    ';

/**
 * The same command as a POSIX shell reads it over several lines: the command words first, then
 * one flag per line, indented; every line but the last ends in ` \` (a line continuation, so
 * the shell joins the lines with a space). Quoting is `gcloudCreateCommand`'s, word for word.
 */
export function gcloudCommandLines(draft: JobDraft): string[] {
  const groups = commandGroups(draft);
  return groups.map((words, index) => {
    const indent = index === 0 ? '' : COMMAND_CONTINUATION_INDENT;
    const more = index < groups.length - 1 ? ' \\' : '';
    return `${indent}${words.map(quoteWord).join(' ')}${more}`;
  });
}

export interface CommandExport {
  /** The command on one line. */
  command: string;
  /** The same command over several lines (`gcloudCommandLines`), as the review shows it. */
  lines: string[];
  /** A file the command reads, when it needs one. */
  file?: {name: string; contents: string};
}

/** The command and the file it needs (the --config YAML, or the REST body for pipelines). */
export function exportCommand(draft: JobDraft): CommandExport {
  const command = gcloudCreateCommand(draft);
  const lines = gcloudCommandLines(draft);
  const {method} = buildCreateRequest(draft);
  if (method === 'createTrainingPipeline') {
    return {
      command,
      lines,
      file: {
        name: REST_BODY_FILE_NAME,
        contents: `${JSON.stringify(restRequest(draft).body, null, 2)}\n`,
      },
    };
  }
  if (method === 'createHyperparameterTuningJob' || needsConfigFile(draft)) {
    return {command, lines, file: {name: CONFIG_FILE_NAME, contents: gcloudConfigYaml(draft)}};
  }
  return {command, lines};
}

/** The name `w` suggests for the command written as a script (beside the job's --config file). */
export const COMMAND_SCRIPT_NAME = 'gcloud-command.sh';

/**
 * The review's multi-line command as a POSIX shell script, for `sh gcloud-command.sh`: the same
 * lines the gcloud view shows, under comments saying what else it needs. Only written, never run.
 */
export function gcloudCommandScript(draft: JobDraft): string {
  const exported = exportCommand(draft);
  const packageNote = stagedPackageNote(draft);
  const servingNote = servingContainerNote(draft);
  const notes = [
    '# The job vtrain-tui reviewed, as its gcloud (or, for a pipeline, curl) command.',
    ...(exported.file ? [`# It reads ${exported.file.name} from the directory it runs in.`] : []),
    ...(packageNote
      ? [`# It ${packageNote}: submit once from vtrain-tui, or stage it yourself, first.`]
      : []),
    ...(servingNote ? [`# ${servingNote[0]!.toUpperCase()}${servingNote.slice(1)}.`] : []),
  ];
  return `${['#!/bin/sh', ...notes, ...exported.lines].join('\n')}\n`;
}
