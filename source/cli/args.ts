// Command-line parsing with node:util, so bad input gets one clear line and exit code 2.
import {parseArgs} from 'node:util';

export class UsageError extends Error {}

export type Invocation =
  | {kind: 'interactive'; options: CommonOptions}
  | {kind: 'emulator-serve'; options: CommonOptions & {port: number; watchStdin: boolean}};

export interface CommonOptions {
  dataDir?: string;
  python?: string;
  project?: string;
  region?: string;
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
        project: {type: 'string'},
        region: {type: 'string'},
        port: {type: 'string'},
        'watch-stdin': {type: 'boolean'},
      },
    });
  } catch (error) {
    throw new UsageError(String((error as Error).message).replace(/\. To specify.*$/s, '.'));
  }
  const {values, positionals} = parsed;
  const options: CommonOptions = {
    ...(values['data-dir'] && {dataDir: values['data-dir']}),
    ...(values.python && {python: values.python}),
    ...(values.project && {project: values.project}),
    ...(values.region && {region: values.region}),
  };
  if (positionals.length === 0) {
    if (values.port || values['watch-stdin'])
      throw new UsageError('--port and --watch-stdin belong to `vtrain-tui emulator serve`.');
    return {kind: 'interactive', options};
  }
  if (positionals[0] === 'emulator' && positionals[1] === 'serve' && positionals.length === 2) {
    const port = Number(values.port ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a port number (0-65535); got "${values.port}".`);
    return {
      kind: 'emulator-serve',
      options: {...options, port, watchStdin: values['watch-stdin'] ?? false},
    };
  }
  throw new UsageError(`unknown command "${positionals.join(' ')}".`);
}
