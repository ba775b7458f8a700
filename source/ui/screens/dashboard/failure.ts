// "Why it failed": what a failed job's error says (which replica, exit code, termination reason)
// and what the user can do next, from the error shapes Vertex writes (see
// shared/reference/user-pain-points.md), plus the last traceback that replica logged.
import type {LineStore} from '../../../services/logs/line-store.js';
import type {LogLine} from '../../../services/vertex/log-line.js';

export interface FailureReport {
  replica?: string;
  exitCode?: number;
  terminationReason?: string;
  /** One or two sentences: what happened and the next step. */
  explanation?: string;
  /**
   * The training code exited with an error (no other cause recognised): where to look next depends
   * on the view (a traceback below, the logs, a trial), so the panel words it (codeErrorStep).
   */
  codeError?: boolean;
  /** The first line of the error (the rest of a multi-line message is in `details`). */
  summary: string;
  details: string[];
}

// Out of memory: Vertex documents "The replica REPLICA_NAME ran out of memory and exited with a
// non-zero status of EXIT_CODE" (https://cloud.google.com/vertex-ai/docs/training/understanding-training-service#common-errors);
// the legacy AI Platform wording "ran out-of-memory and" (tensorflow/models#5591) is still matched.
const OUT_OF_MEMORY = /ran out[ -]of[ -]memory|out-of-memory|\bOOM/i;
const REPLICA_EXIT =
  /The replica (workerpool\d+-\d+|\w+ \d+)(?: ran out[ -]of[ -]memory and)? exited with a non-zero status of (\d+)(?:\(([A-Z]+)\))?\.?(?:\s*Termination reason: ([A-Za-z]+))?/;

function explain(message: string, exitCode: number | undefined, reason: string | undefined) {
  const quota =
    /quota metrics exceed quota limits: ([\w./]+)|following quotas are exceeded: ([\w./]+)/.exec(
      message,
    );
  if (quota) {
    const metric = quota[1] ?? quota[2] ?? '';
    return `Quota: ${metric} is a concurrent-usage quota in this region. Ask for more in the console's Quotas page (search "${metric.split('/').pop()}"), or pick another accelerator or region.`;
  }
  if (/Resources are insufficient in region/.test(message))
    return 'Stockout: the region had no capacity for this machine in any zone. Try another region or machine type, or the FLEX_START scheduling strategy.';
  if (/PERMISSION_DENIED|does not have .*permission|Permission .* denied|403/.test(message))
    return 'Permission: the job (or its service account) may not read or write something it needs. Grant the role named above, or run with a service account that has it.';
  if (OUT_OF_MEMORY.test(message) || exitCode === 137)
    return 'Out of memory: the replica was killed. Use a machine type with more memory or a smaller batch.';
  if (reason === 'StartError' || exitCode === 128)
    return 'The container did not start: check the image URI, its entrypoint and the command.';
  return undefined;
}

/** Where the failure panel is shown: over the job's logs, or over a tuning job's trials. */
export type FailureContext = 'logs' | 'trials';

/** The next step for a training-code error, for what the view offers (and only keys it has). */
export function codeErrorStep(context: FailureContext, traceback: boolean): string {
  const where =
    context === 'trials'
      ? 'enter opens a trial with its logs and traceback'
      : traceback
        ? 'its last traceback is below (T shows it in the logs)'
        : 'its logs say why (e jumps to the next error line)';
  return `The training code exited with an error: ${where}.`;
}

export function analyseFailure(error: {code: number; message: string}): FailureReport {
  const [first = '', ...rest] = error.message.split('\n');
  const match = REPLICA_EXIT.exec(error.message);
  const exitCode = match ? Number(match[2]) : undefined;
  const reason = match?.[4] ?? (match?.[3] ? `signal ${match[3]}` : undefined);
  const explanation = explain(error.message, exitCode, reason);
  const codeError = !explanation && exitCode !== undefined;
  return {
    ...(match && {replica: match[1]!.replace(' ', '-')}),
    ...(exitCode !== undefined && {exitCode}),
    ...(reason && {terminationReason: reason}),
    ...(explanation && {explanation}),
    ...(codeError && {codeError}),
    summary: first,
    details: rest.filter((line) => line.trim() !== ''),
  };
}

/**
 * The last "Traceback (most recent call last)" block the replica logged: from that line to the
 * exception line that ends it. Undefined when the window holds none.
 */
export function lastTraceback(store: LineStore, replica: string): LogLine[] | undefined {
  // From the newest line back, reading only replica and message until the block is found: this
  // runs on every frame of a failed job's dashboard.
  let start = store.length - 1;
  for (; start >= 0; start--)
    if (
      store.replicaAt(start) === replica &&
      store.messageAt(start)!.includes('Traceback (most recent call last)')
    )
      break;
  if (start < 0) return undefined;
  const block: LogLine[] = [store.at(start)!];
  for (let index = start + 1; index < store.length && block.length < 40; index++) {
    if (store.replicaAt(index) !== replica) continue;
    const line = store.at(index)!;
    block.push(line);
    // The exception line ("ValueError: …") is the first unindented line after the frames.
    if (
      !/^\s/.test(line.message) &&
      /^[\w.]+(Error|Exception|Exit|Interrupt)\b|^\w+:/.test(line.message)
    )
      break;
  }
  return block;
}
