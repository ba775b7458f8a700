// The actions on one job that the job list and the dashboard share: describe as YAML, clone into
// the wizard, cancel (asks first, naming the job), copy the resource name, show the console URL.
import {useCallback} from 'react';
import {stringify} from 'yaml';
import {copyToClipboard} from '../shell/clipboard.js';
import {useKeyRouter} from '../shell/keys/key-dispatcher.js';
import {useAppContext} from '../shell/session-context.js';
import {useConfirm, useTextView} from '../shell/dialogs.js';
import {useNavigator} from '../shell/navigator.js';
import {draftFromApiJob, isTerminalState, type JobState} from '../../core/job-spec/index.js';
import {safeText} from '../../core/text/safe-text.js';
import type {JobKind, ResourceMessage} from '../../services/vertex/api.js';
import {consoleUrl} from '../../services/vertex/console-url.js';
import {toRestShape} from '../../services/vertex/rest-shape.js';
import {KIND_LABELS} from '../../services/jobs/job-summary.js';

export interface JobRef {
  kind: JobKind;
  name: string;
  displayName: string;
  state: JobState;
  resource: ResourceMessage;
}

/** Why cancel does not apply to `job`, or undefined when it does. */
export function cancelUnavailable(job: JobRef | undefined): string | undefined {
  if (!job) return 'no job selected';
  if (job.state === 'JOB_STATE_CANCELLING') return 'the job is already being cancelled';
  if (isTerminalState(job.state)) return 'the job has already ended';
  return undefined;
}

export function describeYaml(resource: ResourceMessage): string {
  return stringify(toRestShape(resource), {lineWidth: 0});
}

export function useJobActions(onCancelled?: () => void) {
  const {status, project, region} = useAppContext();
  const router = useKeyRouter();
  const confirm = useConfirm();
  const showText = useTextView();
  const navigator = useNavigator();

  const describe = useCallback(
    (job: JobRef) =>
      showText({
        title: `${KIND_LABELS[job.kind]} ${job.displayName} (${job.name})`,
        text: describeYaml(job.resource),
      }),
    [showText],
  );

  const clone = useCallback(
    (job: JobRef) => {
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
    async (job: JobRef) => {
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
    (job: JobRef) => {
      router.say(
        copyToClipboard(job.name) ? `copied ${job.name}` : 'this terminal does not take copies',
      );
    },
    [router],
  );

  const showConsoleUrl = useCallback(
    (job: JobRef) => {
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

  return {describe, clone, cancel, copyName, showConsoleUrl};
}
