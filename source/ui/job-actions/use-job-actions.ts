// What the job commands do in the app: describe as YAML, open the dashboard on the logs, clone
// into the wizard, cancel (asks first, naming the job), copy the resource name, show the console
// URL. useJobCommands hands them, as records, to the screen that shows the job. A row from the
// cached job list is re-read first (once the backend is up, if a key came before it) and the
// command acts on the job as the backend answers it: a cancel on a job that has ended since says
// so instead of sending a cancel.
import {useCallback, useEffect, useLayoutEffect, useMemo, useRef} from 'react';
import {copyToClipboard} from '../shell/clipboard.js';
import {useKeymap, useKeyRouter} from '../shell/keys/key-dispatcher.js';
import type {CommandRecord} from '../shell/keys/command-record.js';
import {useAppContext} from '../shell/session-context.js';
import {useConfirm, useTextView} from '../shell/dialogs.js';
import {useNavigator} from '../shell/navigator.js';
import {shortState} from '../../core/job-spec/job-state.js';
import {safeText} from '../../core/text/safe-text.js';
import {ApiError} from '../../services/vertex/api.js';
import {explainApiError, formatExplained} from '../../services/vertex/explain-error.js';
import {summarise} from '../../services/jobs/job-summary.js';
import {consoleUrl} from '../../services/vertex/console-url.js';
import {KIND_LABELS} from '../../services/jobs/job-summary.js';
import {cancelUnavailable, jobCommands, type JobActionRunners} from './job-commands.js';
import type {JobSummary} from '../../services/vertex/job-snapshot.js';

// google.rpc.Code NOT_FOUND (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto).
const NOT_FOUND = 5;

export function useJobActions(onCancelled?: () => void): JobActionRunners {
  const {status, project, region} = useAppContext();
  const router = useKeyRouter();
  const confirm = useConfirm();
  const showText = useTextView();
  const navigator = useNavigator();
  // A command on a cached row may run after the backend opened, from a callback made before it:
  // it reads the session as it is then.
  const statusRef = useRef(status);
  useLayoutEffect(() => {
    statusRef.current = status;
  });

  // A cached row's command pressed before the backend is up waits here (the last one wins).
  const pending = useRef<{job: JobSummary; act: (fresh: JobSummary) => void}>(undefined);
  const rereadNow = useCallback(
    async (job: JobSummary, act: (fresh: JobSummary) => void) => {
      const current = statusRef.current;
      if (current.kind !== 'ready') return;
      const name = safeText(job.displayName || job.id);
      router.say(`re-reading ${name} (the row is from the cached list)…`);
      try {
        act(summarise(job.kind, await current.session.api.jobs.getJob(job.kind, job.name)));
      } catch (error) {
        router.say(
          error instanceof ApiError && error.code === NOT_FOUND
            ? `${name} no longer exists (it was in the cached list); nothing was done`
            : `could not re-read ${name}, nothing was done: ${safeText(formatExplained(explainApiError(error)))}`,
        );
      }
    },
    [router],
  );
  const reread = useCallback(
    (job: JobSummary, act: (fresh: JobSummary) => void) => {
      const current = statusRef.current;
      const name = safeText(job.displayName || job.id);
      if (current.kind === 'failed') {
        router.say(
          `${name} is from the cached list and the backend did not open; nothing was done`,
        );
        return;
      }
      if (current.kind === 'ready') {
        void rereadNow(job, act);
        return;
      }
      pending.current = {job, act};
      router.say(`${name} is from the cached list: re-reading it once the backend is up…`);
    },
    [rereadNow, router],
  );
  useEffect(() => {
    if (status.kind === 'starting' || !pending.current) return;
    const {job, act} = pending.current;
    pending.current = undefined;
    if (status.kind === 'ready') void rereadNow(job, act);
    else reread(job, act);
  }, [status, rereadNow, reread]);

  // The YAML writer and the job reader load on first use; keys typed meanwhile wait for the view
  // or the wizard they open (KeyRouter.holdWhile).
  const describe = useCallback(
    (job: JobSummary) =>
      void router
        .holdWhile(async () => {
          const {describeYaml} = await import('./describe-yaml.js');
          showText({
            title: `${KIND_LABELS[job.kind]} ${job.displayName} (${job.name})`,
            text: describeYaml(job.resource),
          });
        })
        .catch((error: Error) => router.say(`cannot describe: ${safeText(error.message)}`)),
    [router, showText],
  );

  const clone = useCallback(
    (job: JobSummary) =>
      void router
        .holdWhile(async () => {
          const {draftFromApiJob} = await import('../../core/job-spec/import.js');
          const result = draftFromApiJob(job.resource, {project, region});
          if (!result.ok) {
            const first = result.errors[0]!;
            router.say(`cannot clone: ${first.path} ${first.message} → ${first.fix}`);
            return;
          }
          navigator.push('wizard', {
            draft: result.draft,
            step: -1,
            origin: `clone of ${safeText(job.displayName)}`,
          });
        })
        .catch((error: Error) => router.say(`cannot clone: ${safeText(error.message)}`)),
    [navigator, project, region, router],
  );

  const cancel = useCallback(
    async (job: JobSummary) => {
      const why = cancelUnavailable(job);
      if (why) {
        // Reached only with a job re-read from a cached row (the command is disabled otherwise).
        router.say(
          `${safeText(job.displayName || job.id)} is ${shortState(job.state)} now: ${why}; no cancel was sent`,
        );
        return;
      }
      const status = statusRef.current;
      if (status.kind !== 'ready') {
        router.say('the backend is not ready yet');
        return;
      }
      const yes = await confirm({
        title: `Cancel ${KIND_LABELS[job.kind]} "${job.displayName}"?`,
        message: `${job.name} will stop; its replicas are shut down. This cannot be undone.`,
        confirmLabel: 'cancel the job',
        dangerous: true,
      });
      if (!yes) {
        router.say('not cancelled');
        return;
      }
      try {
        await status.session.api.jobs.cancelJob(job.kind, job.name);
        router.say(`cancel requested for ${safeText(job.displayName)}`);
        onCancelled?.();
      } catch (error) {
        router.say(`cancel failed: ${safeText((error as Error).message)}`);
      }
    },
    [confirm, onCancelled, router],
  );

  const copyName = useCallback(
    (job: JobSummary) => {
      router.say(
        copyToClipboard(job.name) ? `copied ${job.name}` : 'this terminal does not take copies',
      );
    },
    [router],
  );

  const showConsoleUrl = useCallback(
    (job: JobSummary) => {
      const url = consoleUrl(job.kind, job.name);
      if (!url) {
        router.say('this job has no console page');
        return;
      }
      showText({
        title: `Cloud console page of ${job.displayName}`,
        text: `${url}\n\n(on the local emulator this page does not exist; it is where the job would be on Vertex AI)`,
      });
    },
    [router, showText],
  );

  const openLogs = useCallback(
    (job: JobSummary) =>
      navigator.push('dashboard', {kind: job.kind, resource: job.resource, logsFirst: true}),
    [navigator],
  );

  return useMemo(
    () => ({describe, openLogs, clone, cancel, copyName, showConsoleUrl, reread}),
    [describe, openLogs, clone, cancel, copyName, showConsoleUrl, reread],
  );
}

/**
 * The job commands for `job` (undefined: none selected), for useCommands({attach}).
 * `onCancelled` runs after a cancel was requested (to poll the job sooner).
 */
export function useJobCommands(
  job: JobSummary | undefined,
  onCancelled?: () => void,
): CommandRecord[] {
  const keymap = useKeymap();
  const runners = useJobActions(onCancelled);
  return jobCommands(keymap, job, runners);
}
