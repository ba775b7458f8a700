// The dashboard's `!` key on the selected replica: on the local emulator it hands the terminal to
// the user's shell in that replica's folder with that replica's environment (services/jobs/
// replica-shell.ts, shell/terminal-handoff.ts), or, for a container replica, to a shell inside its
// container through the engine's `exec` (services/jobs/container-shell.ts); on Vertex it copies and shows the replica's
// interactive-shell URI (web_access_uris, set when the job has enableWebAccess:
// https://cloud.google.com/vertex-ai/docs/training/monitor-debug-interactive-shell). When there
// is no shell, the key is disabled with the reason.
import {copyToClipboard} from '../../shell/clipboard.js';
import {useTextView} from '../../shell/dialogs.js';
import {useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {useTerminalHandoff, type HandoffResult} from '../../shell/terminal-handoff.js';
import {readContainerShell} from '../../../core/settings/shell-settings.js';
import {settingsFile} from '../../../core/settings/settings-file.js';
import {safeText} from '../../../core/text/safe-text.js';
import type {Session} from '../../../services/backend/session.js';
import {
  containerEnded,
  endShellSession,
  planContainerShell,
} from '../../../services/jobs/container-shell.js';
import {
  shellLaunch,
  webAccessUris,
  type ShellLaunch,
} from '../../../services/jobs/replica-shell.js';
import {watchShellSession} from '../../../services/jobs/shell-watchdog.js';
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
    if (!handoff) {
      router.say('no terminal to hand over');
      return;
    }
    if (info.container) {
      const exec = info.exec;
      if (!exec) {
        router.say(`no shell: ${row.name}'s record does not say how to enter its container`);
        return;
      }
      const setting = readContainerShell(settingsFile());
      const plan = planContainerShell(
        {replica: info.replica, cwd: info.cwd, exec},
        setting.shell ? {setting: setting.shell} : {},
      );
      if (typeof plan === 'string') {
        router.say(`no shell: ${safeText(plan)}`);
        return;
      }
      // A lost terminal ends what runs in the container (shell-watchdog.ts), then the app.
      const watch = watchShellSession(plan.session);
      let result: HandoffResult;
      try {
        result = handoff(plan.launch);
      } finally {
        watch.stop();
        endShellSession(plan.session);
      }
      const ended = result.status === 0 ? undefined : containerEnded({...info, exec});
      say(
        plan.launch,
        result,
        ended ?? `back from ${plan.shell} in ${row.name}'s container`,
        setting.problem,
      );
      return;
    }
    const launch = shellLaunch(info);
    say(launch, handoff(launch), `back from the shell in ${row.name}`);
  };
  const say = (
    launch: ShellLaunch,
    result: {error?: string},
    back: string,
    problem?: string,
  ): void => {
    router.say(
      result.error
        ? `could not start ${safeText(launch.command)}: ${safeText(result.error)}`
        : safeText(problem ? `${back} · ${problem}` : back),
    );
  };
  return {...(unavailable !== undefined && {unavailable}), open, uris};
}
