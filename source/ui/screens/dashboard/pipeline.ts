// Which job does a training pipeline's work: Vertex (and the emulator) name it in
// trainingTaskMetadata once it exists — backingCustomJob for a custom task,
// backingHyperparameterTuningJob for a tuning task. The metadata is a google.protobuf.Value over
// gRPC ({structValue: {fields: …}}) and plain JSON in the REST shape; both are read here.
import type {ResourceMessage} from '../../../services/vertex/api.js';

export interface BackingJob {
  kind: 'custom' | 'hptuning';
  name: string;
}

interface ValueLike {
  stringValue?: unknown;
  structValue?: {fields?: Record<string, ValueLike> | null} | null;
}

function field(metadata: unknown, key: string): string | undefined {
  if (!metadata || typeof metadata !== 'object') return undefined;
  const value = metadata as ValueLike & Record<string, unknown>;
  const viaStruct = value.structValue?.fields?.[key]?.stringValue;
  if (typeof viaStruct === 'string' && viaStruct) return viaStruct;
  const plain = value[key];
  return typeof plain === 'string' && plain ? plain : undefined;
}

const JOB_NAME =
  /^projects\/[^/]+\/locations\/[^/]+\/(customJobs|hyperparameterTuningJobs)\/[^/]+$/;

export function backingJobOf(pipeline: ResourceMessage): BackingJob | undefined {
  const metadata = pipeline.trainingTaskMetadata;
  const custom = field(metadata, 'backingCustomJob');
  if (custom && JOB_NAME.test(custom)) return {kind: 'custom', name: custom};
  const tuning = field(metadata, 'backingHyperparameterTuningJob');
  if (tuning && JOB_NAME.test(tuning)) return {kind: 'hptuning', name: tuning};
  return undefined;
}
