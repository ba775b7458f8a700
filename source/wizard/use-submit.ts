// Submitting a draft from the wizard: stage the local package, then the one create call the
// draft's workflow needs. Progress and failures are state the review step shows.
import {useCallback, useState} from 'react';
import {useAppContext} from '../app/session-context.js';
import {buildCreateRequest, type JobDraft} from '../job-spec/index.js';
import {formatStageProgress} from '../backend/stage-packages.js';
import {safeText} from '../text/safe-text.js';
import {explainApiError, formatExplained} from '../vertex/explain-error.js';
import type {JobKind, ResourceMessage} from '../vertex/api.js';

export interface Submitted {
  kind: JobKind;
  resource: ResourceMessage;
}

export interface SubmitState {
  progress: string | undefined;
  error: string | undefined;
  submit(draft: JobDraft): Promise<Submitted | undefined>;
}

export function useSubmit(): SubmitState {
  const {status} = useAppContext();
  const [progress, setProgress] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const submit = useCallback(
    async (draft: JobDraft): Promise<Submitted | undefined> => {
      if (status.kind !== 'ready') {
        setError(
          status.kind === 'failed'
            ? status.message
            : 'the backend is still starting; try again in a moment',
        );
        return undefined;
      }
      setError(undefined);
      const {session} = status;
      try {
        setProgress('Staging the Python package…');
        const staged = await session.stagePackages(draft, (stage) =>
          setProgress(formatStageProgress(stage)),
        );
        setProgress('Submitting the job…');
        const create = buildCreateRequest(staged);
        if (create.method === 'createCustomJob')
          return {
            kind: 'custom',
            resource: (await session.api.jobs.createCustomJob(create.request)) as ResourceMessage,
          };
        if (create.method === 'createHyperparameterTuningJob')
          return {
            kind: 'hptuning',
            resource: await session.api.jobs.createHyperparameterTuningJob(create.request),
          };
        return {
          kind: 'pipeline',
          resource: await session.api.jobs.createTrainingPipeline(create.request),
        };
      } catch (failure) {
        const {backend} = session;
        setError(
          safeText(
            formatExplained(
              explainApiError(failure, {project: backend.project, region: backend.region}),
            ),
          ),
        );
        return undefined;
      } finally {
        setProgress(undefined);
      }
    },
    [status],
  );
  return {progress, error, submit};
}
