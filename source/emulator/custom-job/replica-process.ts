// One replica as a local process: started without a shell in its own process group, each output
// line handed to a callback, and stopped as a group (SIGTERM, then SIGKILL after a grace period).
import {spawn, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import {constants} from 'node:os';

export interface ReplicaProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  onLine: (stream: 'stdout' | 'stderr', line: string) => void;
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

  constructor(options: ReplicaProcessOptions) {
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    this.started = new Promise((resolve, reject) => {
      this.child.once('spawn', () => resolve());
      this.child.once('error', reject);
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.child[stream];
      if (!source) continue;
      createInterface({input: source, crlfDelay: Infinity}).on('line', (line) =>
        options.onLine(stream, line),
      );
    }
    this.exited = new Promise((resolve) => {
      // 'close' waits for the output pipes to drain, so no line is lost after the exit.
      this.child.once('close', (code, signal) => {
        this.running = false;
        const signalNumber = signal ? (constants.signals[signal] ?? 9) : 0;
        resolve(signal ? {status: 128 + signalNumber, signal} : {status: code ?? 1});
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
    return this.exited;
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
