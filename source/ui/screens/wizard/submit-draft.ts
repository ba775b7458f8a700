// Submitting a draft from the wizard: package and upload local code, then create the job exactly
// once (request-id label, look-up before any retry). Reports each stage, and on failure says in
// plain words what went wrong, at which stage, and what to do next.
import type {JobDraft} from '../../../core/job-spec/index.js';
import {buildCreateRequest} from '../../../core/job-spec/create-request.js';
import {
  createJobOnce,
  isUnclearOutcome,
  withRequestId,
  type CreatedJob,
} from '../../../services/vertex/create-job.js';
import {explainApiError} from '../../../services/vertex/explain-api-error.js';
import type {Session} from '../../../services/backend/session.js';

export type SubmitStage = 'packaging' | 'creating';

export const STAGE_LABEL: Record<SubmitStage, string> = {
  packaging: 'Packaging and uploading the Python package…',
  creating: 'Creating the job…',
};

/** One submission of one draft; kept across the user's retries so none makes a duplicate. */
export interface SubmitAttempt {
  requestId: string;
  /** The last try ended without knowing whether the job was created. */
  unclear: boolean;
}

export class SubmitError extends Error {
  constructor(
    readonly stage: SubmitStage,
    message: string,
    readonly next: string,
    readonly unclear: boolean,
  ) {
    super(message);
  }
}

function hasLocalPackage(draft: JobDraft): boolean {
  return draft.workerPools.some(
    (pool) => pool?.task.kind === 'python-package' && !!pool.task.localPackagePath,
  );
}

export async function submitDraft(
  session: Pick<Session, 'api' | 'stagePackages'>,
  draft: JobDraft,
  attempt: SubmitAttempt,
  onStage: (stage: SubmitStage) => void,
): Promise<CreatedJob> {
  let labelled = withRequestId(draft, attempt.requestId);
  if (hasLocalPackage(labelled)) {
    onStage('packaging');
    try {
      // The staged draft names the uploaded (content-hashed) package instead of the folder.
      labelled = await session.stagePackages(labelled);
    } catch (error) {
      throw new SubmitError(
        'packaging',
        `could not package and upload the code: ${(error as Error).message}`,
        'check the package folder (setup.py or pyproject.toml) and the staging bucket, then submit again',
        false,
      );
    }
  }
  onStage('creating');
  try {
    return await createJobOnce(session.api.jobs, buildCreateRequest(labelled), {
      checkFirst: attempt.unclear,
    });
  } catch (error) {
    const explained = explainApiError(error);
    throw new SubmitError('creating', explained.message, explained.next, isUnclearOutcome(error));
  }
}
