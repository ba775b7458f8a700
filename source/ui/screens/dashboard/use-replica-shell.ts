// The dashboard's `!` key on the selected replica: on the local emulator it hands the terminal to
// the user's shell in that replica's folder with that replica's environment (services/jobs/
// replica-shell.ts, shell/terminal-handoff.ts); on Vertex it copies and shows the replica's
// interactive-shell URI (web_access_uris, set when the job has enableWebAccess:
// https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell). When there
// is no shell, the key is disabled with the reason.
import {copyToClipboard} from '../../shell/clipboard.js';
import {useTextView} from '../../shell/dialogs.js';
import {useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {useTerminalHandoff} from '../../shell/terminal-handoff.js';
import {safeText} from '../../../core/text/safe-text.js';
import type {Session} from '../../../services/backend/session.js';
import {shellLaunch, webAccessUris} from '../../../services/jobs/replica-shell.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import type {ReplicaRow} from './replica-status.js';

export interface ReplicaShellKey {
  /** Why the key does nothing now; undefined when it works. */
  unavailable?: string;
  open(): void;
  /** Vertex: each replica's interactive-shell URI (empty when the job has none). */
  uris: Record<string, string>;
}

/** Replica statuses whose process is alive (the job is running and it has not ended). */
const LIVE = new Set(['starting', 'running', 'restarted']);

export interface ReplicaShellInput {
  session: Session;
  job: JobSummary;
  /** The selected replica's row. */
  row: ReplicaRow | undefined;
  /** The custom job the replicas run in (a trial's own job); undefined when unknown. */
  customJobId: string | undefined;
  /** Where web_access_uris are: the custom job, or the trial. */
  urisFrom: unknown;
}

export function replicaShellUnavailable(
  backend: 'local' | 'vertex',
  job: Pick<JobSummary, 'state' | 'jobSpec'>,
  row: Pick<ReplicaRow, 'name' | 'pool' | 'status'> | undefined,
  uris: Record<string, string>,
  customJobId: string | undefined,
): string | undefined {
  if (!row) return 'no replica selected';
  if (backend === 'vertex') {
    if (uris[row.name]) return undefined;
    if (!(job.jobSpec as {enableWebAccess?: boolean} | undefined)?.enableWebAccess)
      return 'this job has no web access: a shell on Vertex needs enableWebAccess (the wizard’s options step, "web access")';
    return `Vertex has not given ${row.name} a shell URI (it does while the replica runs)`;
  }
  if (job.state !== 'JOB_STATE_RUNNING' || !LIVE.has(row.status))
    return `${row.name} is ${row.status}: a shell opens only in a running replica`;
  if (job.jobSpec?.workerPoolSpecs?.[row.pool]?.containerSpec)
    return `${row.name} runs in a container: a shell there needs \`podman exec\`, not supported yet`;
  if (!customJobId) return 'the job running this replica is not known yet';
  return undefined;
}

export function useReplicaShell({
  session,
  job,
  row,
  customJobId,
  urisFrom,
}: ReplicaShellInput): ReplicaShellKey {
  const router = useKeyRouter();
  const showText = useTextView();
  const handoff = useTerminalHandoff();
  const backend = session.backend.kind === 'local' ? 'local' : 'vertex';
  const uris = backend === 'vertex' ? webAccessUris(urisFrom) : {};
  const unavailable = replicaShellUnavailable(backend, job, row, uris, customJobId);
  // A plain function: it reads this render's row and URIs; the key layer calls the latest one.
  const open = () => {
    if (!row) return;
    if (backend === 'vertex') {
      const uri = uris[row.name];
      if (!uri) return;
      const copied = copyToClipboard(uri);
      showText({
        title: `Interactive shells of ${job.displayName}`,
        text: [
          `${row.name}: ${uri}`,
          '',
          copied
            ? '(the selected replica’s link was copied)'
            : '(this terminal does not take copies)',
          'Open a link in a browser signed in to the job’s project for a shell in that replica.',
          '',
          ...Object.entries(uris)
            .filter(([name]) => name !== row.name)
            .map(([name, link]) => `${name}: ${link}`),
        ].join('\n'),
      });
      return;
    }
    const info =
      customJobId && session.replicaShell
        ? session.replicaShell(customJobId, row.name)
        : 'this backend records no replica environment';
    if (typeof info === 'string') {
      router.say(`no shell: ${safeText(info)}`);
      return;
    }
    if (info.container) {
      router.say(
        `${row.name} runs in a container: a shell there needs \`podman exec\`, not supported yet`,
      );
      return;
    }
    if (!handoff) {
      router.say('no terminal to hand over');
      return;
    }
    const launch = shellLaunch(info);
    const result = handoff(launch);
    router.say(
      result.error
        ? `could not start ${safeText(launch.command)}: ${safeText(result.error)}`
        : `back from the shell in ${row.name}`,
    );
  };
  return {...(unavailable !== undefined && {unavailable}), open, uris};
}
