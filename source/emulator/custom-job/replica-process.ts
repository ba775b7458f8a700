// One replica as a local process: started without a shell in its own process group, each output
// line handed to a callback, and stopped as a group (SIGTERM, then SIGKILL after a grace period).
// With a supervisor (the service's Python), it starts through replica-supervisor.ts, so the group
// also ends when the service dies without stopping it.
import {spawn, type ChildProcess} from 'node:child_process';
import type {Socket} from 'node:net';
import {createInterface} from 'node:readline';
import {constants} from 'node:os';
import {supervisedArgs} from './replica-supervisor.js';

export interface ReplicaProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  onLine: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Python that runs the supervisor; without one the replica is spawned directly. */
  supervisor?: string;
}

export interface ReplicaExit {
  /** Exit status as Vertex reports it: the code, or 128 + signal number. */
  status: number;
  signal?: string;
}

const STOP_GRACE_MS = 3000;

export class ReplicaProcess {
  readonly exited: Promise<ReplicaExit>;
  readonly started: Promise<void>;
  private readonly child: ChildProcess;
  private running = true;
  private readonly supervised: boolean;

  constructor(options: ReplicaProcessOptions) {
    const supervised = options.supervisor !== undefined;
    this.child = spawn(
      supervised ? (options.supervisor as string) : options.command,
      supervised ? supervisedArgs(options.command, options.args) : options.args,
      {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        // fd 3: the supervisor's line to the service (its end of file is the service's death).
        stdio: supervised ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
        shell: false,
      },
    );
    this.supervised = supervised;
    const control = supervised ? (this.child.stdio[3] as Socket | null) : null;
    this.started = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      if (!control) {
        this.child.once('spawn', () => resolve());
        return;
      }
      // The supervisor says whether the replica's own command could be executed.
      control.unref();
      let said = false;
      createInterface({input: control, crlfDelay: Infinity}).on('line', (line) => {
        if (said) return;
        said = true;
        if (line === 'started') return resolve();
        const [code = 'EIO', ...message] = line.replace(/^error /, '').split(' ');
        const error = new Error(
          `spawn ${options.command} ${code}${message.length ? ` (${message.join(' ')})` : ''}`,
        ) as NodeJS.ErrnoException;
        error.code = code;
        reject(error);
      });
      // Its line closes only once the supervisor and its watchdog are gone.
      control.once('close', () => {
        if (!said) reject(new Error("the replica's launcher ended before it could start it"));
      });
    });
    const drained: Promise<void>[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.child[stream];
      if (!source) continue;
      drained.push(new Promise((resolve) => source.once('close', () => resolve())));
      createInterface({input: source, crlfDelay: Infinity}).on('line', (line) =>
        options.onLine(stream, line),
      );
    }
    this.exited = new Promise((resolve) => {
      // The exit, once the output pipes are drained, so no line is lost after it ('close' would
      // also wait for the supervisor's line, which lives as long as its group).
      this.child.once('exit', (code, signal) => {
        void Promise.all(drained).then(() => {
          this.running = false;
          const signalNumber = signal ? (constants.signals[signal] ?? 9) : 0;
          resolve(signal ? {status: 128 + signalNumber, signal} : {status: code ?? 1});
        });
      });
      this.child.once('error', () => {
        this.running = false;
        resolve({status: 127});
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Stops the whole process group and resolves once the replica has exited. */
  async stop(): Promise<ReplicaExit> {
    if (this.running) {
      this.signalGroup('SIGTERM');
      const timer = setTimeout(() => this.signalGroup('SIGKILL'), STOP_GRACE_MS);
      const result = await this.exited;
      clearTimeout(timer);
      // Children the replica left behind in its group are not allowed to outlive it.
      this.signalGroup('SIGKILL');
      return result;
    }
    const result = await this.exited;
    // A replica that ended on its own: its children and its supervisor's watchdog go now (the
    // watchdog keeps the group's id in use, so the signal cannot reach another program's group).
    if (this.supervised) this.signalGroup('SIGKILL');
    return result;
  }

  /** Synchronous last resort used when the emulator process itself is exiting. */
  killNow(): void {
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }
}
