// Command-line parsing with node:util, so bad input gets one clear line and exit code 2.
import {parseArgs} from 'node:util';

export class UsageError extends Error {}

export type EmulatorAction = 'start' | 'status' | 'stop';

export type Invocation =
  | {kind: 'interactive'; options: CommonOptions}
  | {
      kind: 'emulator-serve';
      options: CommonOptions &
        ServiceTuning & {port: number; storagePort: number; restPort?: number; watchStdin: boolean};
    }
  | {kind: 'emulator-start'; options: CommonOptions & ServiceTuning}
  | {kind: 'emulator-status'; options: CommonOptions & {json: boolean}}
  | {kind: 'emulator-stop'; options: CommonOptions};

export interface CommonOptions {
  dataDir?: string;
  python?: string;
  /** `local` or `vertex`, checked by services/backend/resolve-backend.ts. */
  backend?: string;
  project?: string;
  region?: string;
  /** The app hides every action that changes something. */
  readOnly?: boolean;
  stagingBucket?: string;
}

/** Flags of the emulator service; unset ones fall back to environment variables, then defaults. */
export interface ServiceTuning {
  idleMinutes?: number;
  logMaxEntries?: number;
  logMaxMb?: number;
  logMaxAgeDays?: number;
  /** Python package pools run inside their pre-built image when the engine has it locally. */
  packagesInImage?: boolean;
}

const TUNING_FLAGS = {
  'idle-minutes': {field: 'idleMinutes', integer: false},
  'log-max-entries': {field: 'logMaxEntries', integer: true},
  'log-max-mb': {field: 'logMaxMb', integer: false},
  'log-max-age-days': {field: 'logMaxAgeDays', integer: false},
} as const;

type TuningFlag = keyof typeof TUNING_FLAGS;

function parseTuning(values: Partial<Record<TuningFlag, string>>): ServiceTuning {
  const tuning: ServiceTuning = {};
  for (const [flag, {field, integer}] of Object.entries(TUNING_FLAGS)) {
    const raw = values[flag as TuningFlag];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (
      raw.trim() === '' ||
      !Number.isFinite(value) ||
      value < 0 ||
      (integer && !Number.isInteger(value))
    )
      throw new UsageError(
        `--${flag} must be a${integer ? ' whole' : ''} number ≥ 0; got "${raw}".`,
      );
    tuning[field] = value;
  }
  return tuning;
}

export function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': {type: 'string'},
        python: {type: 'string'},
        backend: {type: 'string'},
        project: {type: 'string'},
        region: {type: 'string'},
        'staging-bucket': {type: 'string'},
        port: {type: 'string'},
        'storage-port': {type: 'string'},
        json: {type: 'boolean'},
        'rest-port': {type: 'string'},
        'watch-stdin': {type: 'boolean'},
        'read-only': {type: 'boolean'},
        'idle-minutes': {type: 'string'},
        'log-max-entries': {type: 'string'},
        'log-max-mb': {type: 'string'},
        'log-max-age-days': {type: 'string'},
        'packages-in-image': {type: 'boolean'},
      },
    });
  } catch (error) {
    throw new UsageError(String((error as Error).message).replace(/\. To specify.*$/s, '.'));
  }
  const {values, positionals} = parsed;
  const options: CommonOptions = {
    ...(values['data-dir'] && {dataDir: values['data-dir']}),
    ...(values.python && {python: values.python}),
    ...(values.backend && {backend: values.backend}),
    ...(values.project && {project: values.project}),
    ...(values.region && {region: values.region}),
    ...(values['read-only'] && {readOnly: true}),
    ...(values['staging-bucket'] && {stagingBucket: values['staging-bucket']}),
  };
  const tuning: ServiceTuning = {
    ...parseTuning(values),
    ...(values['packages-in-image'] && {packagesInImage: true}),
  };
  const hasTuning = Object.keys(tuning).length > 0;
  const servesOnly =
    values.port !== undefined ||
    values['storage-port'] !== undefined ||
    values['rest-port'] !== undefined ||
    values['watch-stdin'];
  if (values.json && (positionals[0] !== 'emulator' || positionals[1] !== 'status'))
    throw new UsageError('--json belongs to `vtrain-tui emulator status`.');
  if (positionals.length === 0) {
    if (servesOnly)
      throw new UsageError(
        '--port, --storage-port, --rest-port and --watch-stdin belong to `vtrain-tui emulator serve`.',
      );
    if (hasTuning)
      throw new UsageError(
        '--idle-minutes, --log-max-* and --packages-in-image belong to `vtrain-tui emulator start` or `serve`.',
      );
    return {kind: 'interactive', options};
  }
  if (values['read-only'])
    throw new UsageError('--read-only belongs to the interactive app (`vtrain-tui --read-only`).');
  const [command, action, ...rest] = positionals;
  if (command !== 'emulator' || rest.length > 0 || action === undefined)
    throw new UsageError(`unknown command "${positionals.join(' ')}".`);
  if (action === 'serve') {
    const portFlag = (flag: 'port' | 'storage-port' | 'rest-port') => {
      const port = Number(values[flag] ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--${flag} must be a port number (0-65535); got "${values[flag]}".`);
      return port;
    };
    const restPort = values['rest-port'] === undefined ? undefined : portFlag('rest-port');
    return {
      kind: 'emulator-serve',
      options: {
        ...options,
        ...tuning,
        port: portFlag('port'),
        storagePort: portFlag('storage-port'),
        ...(restPort !== undefined && {restPort}),
        watchStdin: values['watch-stdin'] ?? false,
      },
    };
  }
  if (action === 'start' || action === 'status' || action === 'stop') {
    if (servesOnly)
      throw new UsageError(
        '--port, --storage-port, --rest-port and --watch-stdin belong to `vtrain-tui emulator serve`.',
      );
    if (action === 'start') return {kind: 'emulator-start', options: {...options, ...tuning}};
    if (hasTuning)
      throw new UsageError(
        `--idle-minutes, --log-max-* and --packages-in-image do not apply to \`emulator ${action}\`.`,
      );
    if (action === 'status')
      return {kind: 'emulator-status', options: {...options, json: values.json ?? false}};
    return {kind: 'emulator-stop', options};
  }
  throw new UsageError(
    `unknown command "emulator ${action}"; use emulator start, status, stop or serve.`,
  );
}
