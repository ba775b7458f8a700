// Submitting a draft from the wizard: package and upload the local code, then create the job
// exactly once (submit-draft.ts). Progress and plain-words failures are state the review shows.
// One request id is kept while an attempt's outcome is unknown, so the user's retry finds the job
// an unanswered create made instead of creating a second one.
import {useCallback, useRef, useState} from 'react';
import {useAppContext} from '../../shell/session-context.js';
import type {JobDraft} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import type {JobKind, ResourceMessage} from '../../../services/vertex/api.js';
import type {Session} from '../../../services/backend/session.js';
import type {SessionTarget} from './steps/field-kit.js';
import {draftBackend, needsReopen, stagingBucketOf} from './steps/where.js';
import type {SubmitAttempt} from './submit-draft.js';

/** Where a session runs: what the Where step compares the draft with. */
export function sessionTarget(session: Session | undefined): SessionTarget | undefined {
  if (!session) return undefined;
  const {kind, project, region} = session.backend;
  return {
    backend: kind,
    project,
    region,
    ...(session.stagingBucket && {stagingBucket: session.stagingBucket}),
  };
}

export interface Submitted {
  kind: JobKind;
  resource: ResourceMessage;
  /** Found by its request id: an earlier, unanswered attempt had created it. */
  recovered: boolean;
}

export interface SubmitState {
  progress: string | undefined;
  error: string | undefined;
  submit(draft: JobDraft): Promise<Submitted | undefined>;
}

export function useSubmit(): SubmitState {
  const {status, switchBackend} = useAppContext();
  const [progress, setProgress] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const attempt = useRef<SubmitAttempt | undefined>(undefined);
  const submit = useCallback(
    async (draft: JobDraft): Promise<Submitted | undefined> => {
      if (status.kind !== 'ready') {
        setError(
          status.kind === 'failed'
            ? `the backend failed: ${status.message} → quit and start vtrain-tui again`
            : 'the backend is still starting → submit again in a moment',
        );
        return undefined;
      }
      setError(undefined);
      const [{submitDraft, STAGE_LABEL, SubmitError}, {newRequestId}] = await Promise.all([
        import('./submit-draft.js'),
        import('../../../services/vertex/create-job.js'),
      ]);
      // The Where step chose another backend, project or region: reopen the app there first.
      let session = status.session;
      const target = sessionTarget(session);
      if (needsReopen(draft, target)) {
        const backend = draftBackend(draft, target);
        const label = `${backend === 'vertex' ? 'Vertex AI' : 'the local emulator'} · ${draft.project} · ${draft.region}`;
        if (!switchBackend) {
          setError(
            `this app cannot switch to ${label} → start vtrain-tui with --backend ${backend} --project ${draft.project} --region ${draft.region}`,
          );
          return undefined;
        }
        setProgress(`Opening ${label}…`);
        try {
          const bucket = stagingBucketOf(draft);
          session = await switchBackend({
            backend,
            project: draft.project,
            region: draft.region,
            ...(bucket && {stagingBucket: bucket}),
          });
        } catch (failure) {
          setProgress(undefined);
          setError(
            safeText(
              `could not open ${label}: ${(failure as Error).message} → change the backend, project or region in the Where step (o on the review), or run \`vtrain-tui doctor --backend ${backend}\``,
            ),
          );
          return undefined;
        }
        // Another backend: an earlier unanswered attempt there is not this one.
        attempt.current = undefined;
      }
      const current: SubmitAttempt = attempt.current ?? {requestId: newRequestId(), unclear: false};
      attempt.current = current;
      try {
        const created = await submitDraft(session, draft, current, (stage) =>
          setProgress(STAGE_LABEL[stage]),
        );
        attempt.current = undefined;
        return {kind: created.kind, resource: created.job, recovered: created.recovered};
      } catch (failure) {
        if (failure instanceof SubmitError) {
          attempt.current = failure.unclear ? {...current, unclear: true} : undefined;
          setError(safeText(`${failure.message} → ${failure.next}`));
        } else {
          attempt.current = undefined;
          setError(safeText((failure as Error).message));
        }
        return undefined;
      } finally {
        setProgress(undefined);
      }
    },
    [status, switchBackend],
  );
  return {progress, error, submit};
}
