// AutoML training pipelines: checked with the same domain rules the app applies before submit
// (required inputs, objective against prediction type, budget range, managed dataset), then
// refused, because AutoML training runs only on Vertex AI. Nothing pretends to train.
import {
  draftFromApiJob,
  errorsOf,
  validateDraft,
  type TrainingPipelineLike,
} from '../../core/job-spec/index.js';
import {failedPrecondition, invalidArgument} from '../rpc/grpc-errors.js';

export const AUTOML_ONLY_ON_VERTEX =
  'AutoML training runs only on Vertex AI: the local emulator checked this pipeline and found no problem, but it does not train AutoML models. Submit it to Vertex AI (a Google Cloud project), or train a custom job locally.';

export function isAutoMlDefinition(definition: string): boolean {
  return /\/automl_[a-z_]+_\d+\.\d+\.\d+\.yaml$/.test(definition);
}

export function refuseAutoMl(pipeline: TrainingPipelineLike, parent: string): never {
  const match = /^projects\/([^/]+)\/locations\/([^/]+)$/.exec(parent);
  const imported = draftFromApiJob(pipeline, {
    ...(match && {project: match[1] as string, region: match[2] as string}),
  });
  const problems = imported.ok
    ? errorsOf(validateDraft(imported.draft)).map((p) => `${p.path}: ${p.message} (${p.fix})`)
    : imported.errors.map((p) => `${p.path}: ${p.message} (${p.fix})`);
  if (problems.length > 0)
    throw invalidArgument(`The AutoML training pipeline is invalid: ${problems.join('; ')}.`);
  throw failedPrecondition(AUTOML_ONLY_ON_VERTEX);
}
