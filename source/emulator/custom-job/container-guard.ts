// Containers outlive whatever killed the emulator: their `run` clients can die with it, but the
// engine (Docker's daemon, Podman's conmon) keeps the containers running. So while container
// replicas may exist, a small watcher process holds the read end of a pipe from the emulator; when
// the emulator exits by any path (kill -9 included) the pipe closes, and the watcher removes every
// container carrying this emulator's label, then exits. A normal shutdown removes the containers
// itself first and then ends the watcher.
import {spawn, type ChildProcess} from 'node:child_process';
import type {ContainerEngine} from '../contract/container-engine.js';

// Plain CommonJS for `node -e`; argv: engine binary, label (key=value), JSON of the engine's
// global flags, JSON of `rm` flags.
const WATCHER = `
const {execFileSync} = require('node:child_process');
const [binary, label, globalJson, rmJson] = process.argv.slice(1);
const global = JSON.parse(globalJson), rm = JSON.parse(rmJson);
let done = false;
function clean() {
  if (done) return;
  done = true;
  try {
    const names = execFileSync(binary, [...global, 'ps', '--all', '--filter', 'label=' + label, '--format', '{{.Names}}'], {encoding: 'utf8', timeout: 30000})
      .split(/\\s+/).filter(Boolean);
    if (names.length) execFileSync(binary, [...global, ...rm, ...names], {stdio: 'ignore', timeout: 60000});
  } catch {}
  process.exit(0);
}
process.stdin.on('data', () => {});
process.stdin.on('end', clean);
process.stdin.on('error', clean);
process.stdin.on('close', clean);
`;

export class ContainerGuard {
  private readonly watchers = new Map<string, ChildProcess>();

  /** Starts the watcher for this engine and label, once. */
  ensure(engine: ContainerEngine, label: string, env: Record<string, string>): void {
    const key = `${engine.binary}\0${label}`;
    const existing = this.watchers.get(key);
    if (existing && existing.exitCode === null && existing.signalCode === null) return;
    const rm = engine.kind === 'podman' ? ['rm', '--force', '--time', '0'] : ['rm', '--force'];
    const child = spawn(
      process.execPath,
      ['-e', WATCHER, engine.binary, label, JSON.stringify(engine.globalArgs), JSON.stringify(rm)],
      // Its own process group: a Ctrl-C to the terminal's group must not end it before it cleans.
      {env, detached: true, stdio: ['pipe', 'ignore', 'ignore'], shell: false},
    );
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    // Neither the watcher nor its pipe keeps the emulator alive.
    child.unref();
    (child.stdin as unknown as {unref?: () => void} | null)?.unref?.();
    this.watchers.set(key, child);
  }

  /** Ends every watcher (the emulator removed its containers itself). */
  stop(): void {
    for (const child of this.watchers.values()) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    this.watchers.clear();
  }
}
