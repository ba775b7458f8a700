// Per-replica lifecycle events read from `service` log entries: a worker that exited 0 while the
// job went on, restarts after a transient exit, and a non-zero exit that ended the replica. Fed
// every line on receipt (the store deduplicates first), so, like the line counters, it stays
// exact whatever the log window holds. Vertex may write none of these; then nothing is known.
import type {LogLine} from '../vertex/log-line.js';

export interface ReplicaLifecycle {
  /** Restarts so far: the highest "restart N", so it is right whichever entries came first. */
  restarts: number;
  /** How the replica ended, when a service entry said so; the latest such entry wins. */
  end?: {kind: 'exited' | 'failed'; status: number; timestampMs: number};
}

export type ReplicaEvent =
  | {replica: string; kind: 'exited' | 'failed'; status: number}
  | {replica: string; kind: 'restarted'; status: number; restart: number};

const REPLICA = String.raw`The replica (workerpool\d+-\d+)`;
const NAMED = new RegExp(REPLICA);
const EXITED = new RegExp(String.raw`^${REPLICA} exited with status 0\.`);
const RESTARTED = new RegExp(
  String.raw`^${REPLICA} exited with a non-zero status of (\d+) and was restarted \(restart (\d+)\b`,
);
// Vertex's failure texts: "exited with a non-zero status of N", also after "ran out of memory and".
const FAILED = new RegExp(
  String.raw`^${REPLICA} (?:ran out[ -]of[ -]memory and )?exited with a non-zero status of (\d+)`,
);

/** The replica a text names ("The replica workerpool1-0 …"), wherever it is, as job errors do. */
export function replicaNamedIn(text: string): string | undefined {
  return NAMED.exec(text)?.[1];
}

/** The lifecycle event a `service` entry's message announces, if any. */
export function parseReplicaEvent(message: string): ReplicaEvent | undefined {
  const restarted = RESTARTED.exec(message);
  if (restarted)
    return {
      replica: restarted[1]!,
      kind: 'restarted',
      status: Number(restarted[2]),
      restart: Number(restarted[3]),
    };
  const exited = EXITED.exec(message);
  if (exited) return {replica: exited[1]!, kind: 'exited', status: 0};
  const failed = FAILED.exec(message);
  if (failed) return {replica: failed[1]!, kind: 'failed', status: Number(failed[2])};
  return undefined;
}

export class ReplicaEvents {
  private readonly byReplica = new Map<string, ReplicaLifecycle>();

  /** Takes one received line; only `service` entries can carry events. */
  observe(line: LogLine): void {
    if (line.replica !== 'service') return;
    const event = parseReplicaEvent(line.message);
    if (!event) return;
    let lifecycle = this.byReplica.get(event.replica);
    if (!lifecycle) {
      lifecycle = {restarts: 0};
      this.byReplica.set(event.replica, lifecycle);
    }
    if (event.kind === 'restarted') {
      lifecycle.restarts = Math.max(lifecycle.restarts, event.restart);
    } else if (!lifecycle.end || line.timestampMs >= lifecycle.end.timestampMs) {
      lifecycle.end = {kind: event.kind, status: event.status, timestampMs: line.timestampMs};
    }
  }

  get(replica: string): ReplicaLifecycle | undefined {
    return this.byReplica.get(replica);
  }

  all(): ReadonlyMap<string, ReplicaLifecycle> {
    return this.byReplica;
  }
}
