// Runs the real gcloud CLI against the local emulator, sealed off from the internet and from the
// user's own gcloud setup: its own CLOUDSDK_CONFIG, no update check, no usage reporting, its GCE
// probe sent to a closed loopback port (with a fresh config gcloud resolves
// metadata.google.internal even when core/check_gce_metadata is off; GCE_METADATA_ROOT is the
// host it asks), and every API it uses pointed at loopback by what `emulator env-init` prints.
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {findExecutable} from '../../source/emulator/contract/executables.js';
import {runCli} from './service.js';

export const GCLOUD = findExecutable('gcloud');
export const SKIP_GCLOUD = GCLOUD
  ? false
  : 'gcloud is not installed on this machine (install the Google Cloud CLI to run these tests)';

export interface GcloudResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The exports of `emulator env-init --json` for a data folder (starting its service). */
export async function envInit(dataDir: string): Promise<Record<string, string>> {
  const result = await runCli(['emulator', 'env-init', '--json', '--data-dir', dataDir]);
  if (result.code !== 0) throw new Error(`env-init failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, string>;
}

export class Gcloud {
  private constructor(
    readonly configDir: string,
    private readonly env: Record<string, string>,
  ) {}

  /** `emulatorEnv`: what env-init printed (endpoint overrides and the access-token file). */
  static async create(emulatorEnv: Record<string, string>): Promise<Gcloud> {
    const configDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-gcloud-'));
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(CLOUDSDK_|GOOGLE_|GCE_|STORAGE_EMULATOR_HOST$)/.test(name),
      ),
    ) as Record<string, string>;
    return new Gcloud(configDir, {
      ...inherited,
      CLOUDSDK_CONFIG: configDir,
      CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: 'true',
      CLOUDSDK_CORE_DISABLE_USAGE_REPORTING: 'true',
      CLOUDSDK_CORE_DISABLE_PROMPTS: '1',
      CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false',
      // Whatever looks for a metadata server finds a closed loopback port (9, discard).
      GCE_METADATA_ROOT: '127.0.0.1:9',
      GCE_METADATA_HOST: '127.0.0.1:9',
      GCE_METADATA_IP: '127.0.0.1:9',
      METADATA_SERVER_DETECTION: 'none',
      ...emulatorEnv,
    });
  }

  environment(extra: Record<string, string> = {}): Record<string, string> {
    return {...this.env, ...extra};
  }

  run(args: string[], extra: Record<string, string> = {}): Promise<GcloudResult> {
    return new Promise((resolve) => {
      execFile(
        GCLOUD as string,
        args,
        {env: this.environment(extra), timeout: 90_000, maxBuffer: 16 << 20},
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({code, stdout, stderr});
        },
      );
    });
  }

  /** Runs gcloud and parses its `--format=json` output; throws with stderr when it fails. */
  async json<T = unknown>(args: string[]): Promise<T> {
    const result = await this.run([...args, '--format=json']);
    if (result.code !== 0) {
      throw new Error(`gcloud ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as T;
  }

  /** A long-running gcloud (stream-logs), its output collected as it comes. */
  spawn(args: string[]): {child: ChildProcess; output: () => string} {
    const child = spawn(GCLOUD as string, args, {env: this.env, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return {child, output: () => output};
  }

  async close(): Promise<void> {
    await fs.rm(this.configDir, {recursive: true, force: true});
  }
}
