// The emulator's record of a TrainingPipeline and its v1 message shape. The state is kept as the
// JobState of the same name (the stores and filters work on JobState) and sent as
// PIPELINE_STATE_*, which has the same members.
import type {InputDataConfigLike, JobState, ProtoValue} from '../../core/job-spec/index.js';
import {lifecycleToProto, type RunRecord} from '../rpc/run-record.js';
import {resourceId} from '../rpc/resource-names.js';

export interface PipelineRecord extends RunRecord {
  trainingTaskDefinition: string;
  trainingTaskInputs: ProtoValue;
  inputDataConfig?: InputDataConfigLike;
  modelToUpload?: Record<string, unknown>;
  modelId?: string;
  /** The CustomJob or HyperparameterTuningJob doing the work. */
  backing?: {kind: 'custom' | 'tuning'; id: string; name: string};
  /** Set once the trained model is recorded (resource name and artifact URI). */
  model?: {name: string; artifactUri: string};
}

export const pipelineState = (state: JobState) => state.replace(/^JOB_STATE_/, 'PIPELINE_STATE_');

export function pipelineToProto(record: PipelineRecord): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (record.backing?.kind === 'custom') metadata.backingCustomJob = record.backing.name;
  if (record.backing?.kind === 'tuning')
    metadata.backingHyperparameterTuningJob = record.backing.name;
  return {
    name: record.name,
    displayName: record.displayName,
    trainingTaskDefinition: record.trainingTaskDefinition,
    trainingTaskInputs: record.trainingTaskInputs,
    ...(Object.keys(metadata).length > 0 && {
      trainingTaskMetadata: {
        structValue: {
          fields: Object.fromEntries(
            Object.entries(metadata).map(([key, value]) => [key, {stringValue: String(value)}]),
          ),
        },
      },
    }),
    ...(record.inputDataConfig && {inputDataConfig: record.inputDataConfig}),
    ...(record.modelToUpload && {
      modelToUpload: {
        ...record.modelToUpload,
        ...(record.model && {name: record.model.name, artifactUri: record.model.artifactUri}),
      },
    }),
    ...(record.model && {modelId: resourceId(record.model.name)}),
    ...lifecycleToProto(record, pipelineState(record.state)),
  };
}
