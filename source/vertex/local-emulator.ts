// Starts the embedded emulator as a child process (`vtrain-tui emulator serve`) so that replica
// output and proto loading never compete with the UI's event loop. The child stops itself and
// every replica when this process goes away (its stdin closes), so nothing is left behind.
import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {createInterface} from 'node:readline';

export interface LocalEmulatorOptions {
  /** Script that starts the CLI (bin/vtrain-tui.js). */
  cliScript: string;
  dataDir: string;
  python: string;
  env?: Record<string, string>;
}

export interface LocalEmulator {
  host: string;
  port: number;
  key: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startLocalEmulator(options: LocalEmulatorOptions): Promise<LocalEmulator> {
  const key = randomBytes(32).toString('base64url');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      options.cliScript,
      'emulator',
      'serve',
      '--data-dir',
      options.dataDir,
      '--python',
      options.python,
      '--watch-stdin',
    ],
    {
      env: {...process.env, ...options.env, VTRAIN_EMULATOR_KEY: key},
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({input: child.stdout!});
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as {port: number}).port);
      } catch {
        reject(new Error(`the local emulator said: ${line}`));
      }
    });
    child.once('exit', (code) =>
      reject(
        new Error(
          `the local emulator exited (code ${code}) before it was ready: ${stderr.join('').trim()}`,
        ),
      ),
    );
    child.once('error', reject);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port,
    key,
    pid: child.pid ?? 0,
    async stop() {
      child.stdin?.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}
