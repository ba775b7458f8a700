// `emulator env-init` output: the variables gcloud and Cloud Storage clients read, quoted so that
// a shell's eval gives back the exact values (paths with spaces or quotes included).
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
  emulatorEnvironment,
  formatEnvironment,
} from '../../source/entry/commands/emulator-env-init.js';
import {findExecutable} from '../../source/emulator/contract/executables.js';

const tokenFile = "/home/a user/it's/emulator/access-token";

describe('env-init', () => {
  it('names the Vertex, Logging and Monitoring overrides and the token file', () => {
    expect(emulatorEnvironment({restPort: 4321, accessTokenFile: tokenFile})).toEqual([
      ['CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM', 'http://127.0.0.1:4321/'],
      ['CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING', 'http://127.0.0.1:4321/'],
      ['CLOUDSDK_API_ENDPOINT_OVERRIDES_MONITORING', 'http://127.0.0.1:4321/'],
      ['CLOUDSDK_AUTH_ACCESS_TOKEN_FILE', tokenFile],
    ]);
  });

  it('adds the Cloud Storage override and STORAGE_EMULATOR_HOST once the service has storagePort', () => {
    const variables = Object.fromEntries(
      emulatorEnvironment({
        restPort: 1,
        storage: {port: 4444, endpoint: 'http://127.0.0.1:4444/t/TOKEN'},
        accessTokenFile: tokenFile,
      }),
    );
    expect(variables.CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE).toBe(
      'http://127.0.0.1:4444/storage/v1/',
    );
    expect(variables.STORAGE_EMULATOR_HOST).toBe('http://127.0.0.1:4444/t/TOKEN');
  });

  it('prints JSON, and fish syntax', () => {
    const variables = emulatorEnvironment({restPort: 4321, accessTokenFile: tokenFile});
    expect(JSON.parse(formatEnvironment(variables, 'json'))).toEqual(Object.fromEntries(variables));
    expect(formatEnvironment(variables, 'fish')).toMatch(
      /^set -gx CLOUDSDK_API_ENDPOINT_OVERRIDES_AIPLATFORM http:\/\/127\.0\.0\.1:4321\/;$/m,
    );
  });

  it.each(['bash', 'sh'] as const)('survives eval in %s with the exact values', (shell) => {
    const variables = emulatorEnvironment({restPort: 4321, accessTokenFile: tokenFile});
    const script = `eval "$(cat)"; printf '%s\\n' "$CLOUDSDK_AUTH_ACCESS_TOKEN_FILE" "$CLOUDSDK_API_ENDPOINT_OVERRIDES_LOGGING"`;
    const output = execFileSync(shell, ['-c', script], {
      input: formatEnvironment(variables, shell),
      encoding: 'utf8',
    });
    expect(output).toBe(`${tokenFile}\nhttp://127.0.0.1:4321/\n`);
  });

  it.skipIf(!findExecutable('fish'))('survives fish’s source', () => {
    const variables = emulatorEnvironment({restPort: 4321, accessTokenFile: tokenFile});
    const output = execFileSync(
      'fish',
      ['-c', 'source; printf "%s\\n" $CLOUDSDK_AUTH_ACCESS_TOKEN_FILE'],
      {
        input: formatEnvironment(variables, 'fish'),
        encoding: 'utf8',
      },
    );
    expect(output).toBe(`${tokenFile}\n`);
  });
});
