// What the job commands do in the app: describe as YAML, open the dashboard on the logs, clone
// into the wizard, cancel (asks first, naming the job), copy the resource name, show the console
// URL. useJobCommands hands them, as records, to the screen that shows the job.
import {useCallback, useMemo} from 'react';
import {stringify} from 'yaml';
import {copyToClipboard} from '../shell/clipboard.js';
import {useKeymap, useKeyRouter} from '../shell/keys/key-dispatcher.js';
import type {CommandRecord} from '../shell/keys/command-record.js';
import {useAppContext} from '../shell/session-context.js';
import {useConfirm, useTextView} from '../shell/dialogs.js';
import {useNavigator} from '../shell/navigator.js';
import {draftFromApiJob} from '../../core/job-spec/index.js';
import {safeText} from '../../core/text/safe-text.js';
import type {ResourceMessage} from '../../services/vertex/api.js';
import {consoleUrl} from '../../services/vertex/console-url.js';
import {toRestShape} from '../../services/vertex/rest-shape.js';
import {KIND_LABELS} from '../../services/jobs/job-summary.js';
import {cancelUnavailable, jobCommands, type JobActionRunners} from './job-commands.js';
import type {JobSummary} from '../../services/vertex/job-snapshot.js';

export function describeYaml(resource: ResourceMessage): string {
  return stringify(toRestShape(resource), {lineWidth: 0});
}

export function useJobActions(onCancelled?: () => void): JobActionRunners {
  const {status, project, region} = useAppContext();
  const router = useKeyRouter();
  const confirm = useConfirm();
  const showText = useTextView();
  const navigator = useNavigator();

  const describe = useCallback(
    (job: JobSummary) =>
      showText({
        title: `${KIND_LABELS[job.kind]} ${job.displayName} (${job.name})`,
        text: describeYaml(job.resource),
      }),
    [showText],
  );

  const clone = useCallback(
    (job: JobSummary) => {
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
    },
    [navigator, project, region, router],
  );

  const cancel = useCallback(
    async (job: JobSummary) => {
      const why = cancelUnavailable(job);
      if (why) {
        router.say(why);
        return;
      }
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
    [confirm, onCancelled, router, status],
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
    () => ({describe, openLogs, clone, cancel, copyName, showConsoleUrl}),
    [describe, openLogs, clone, cancel, copyName, showConsoleUrl],
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
