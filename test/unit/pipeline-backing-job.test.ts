// The job doing a pipeline's work, from TrainingPipeline.training_task_metadata (a
// google.protobuf.Value, training_pipeline.proto) in every shape a transport may deliver:
// CustomJobMetadata.backingCustomJob and HyperparameterTuningJobMetadata.backingHyperparameterTuningJob
// (https://cloud.google.com/vertex-ai/docs/reference/rest/Shared.Types/HyperparameterTuningJobMetadata).
import {describe, expect, it} from 'vitest';
import {toProtoValue} from '../../source/core/job-spec/index.js';
import {backingJobOf, jobIdOf} from '../../source/services/jobs/pipeline-backing-job.js';

const CUSTOM = 'projects/p/locations/us-central1/customJobs/12';
const TUNING = 'projects/p/locations/us-central1/hyperparameterTuningJobs/3';
const BEST_TRIAL = 'projects/p/locations/us-central1/customJobs/99';

const pipeline = (trainingTaskMetadata: unknown) => ({trainingTaskMetadata});

describe("a pipeline's backing job", () => {
  it.each([
    [
      'a Value over gRPC',
      {structValue: {fields: {backingCustomJob: {stringValue: CUSTOM}}}},
      {kind: 'custom', name: CUSTOM},
    ],
    [
      'a Value with protobufjs oneof markers',
      {
        kind: 'structValue',
        structValue: {fields: {backingCustomJob: {kind: 'stringValue', stringValue: CUSTOM}}},
      },
      {kind: 'custom', name: CUSTOM},
    ],
    [
      'the app’s own toProtoValue',
      toProtoValue({backingCustomJob: CUSTOM}),
      {kind: 'custom', name: CUSTOM},
    ],
    [
      'a bare Struct',
      {fields: {backingCustomJob: {stringValue: CUSTOM}}},
      {kind: 'custom', name: CUSTOM},
    ],
    ['plain JSON (REST)', {backingCustomJob: CUSTOM}, {kind: 'custom', name: CUSTOM}],
    [
      'a tuning task over gRPC (the best trial’s custom job is not the backing job)',
      {
        structValue: {
          fields: {
            bestTrialBackingCustomJob: {stringValue: BEST_TRIAL},
            backingHyperparameterTuningJob: {stringValue: TUNING},
          },
        },
      },
      {kind: 'hptuning', name: TUNING},
    ],
    [
      'a tuning task as plain JSON',
      {backingHyperparameterTuningJob: TUNING, bestTrialBackingCustomJob: BEST_TRIAL},
      {kind: 'hptuning', name: TUNING},
    ],
  ])('is read from %s', (_shape, metadata, expected) => {
    expect(backingJobOf(pipeline(metadata))).toEqual(expected);
  });

  it.each([
    ['no metadata', undefined],
    ['null metadata', null],
    ['a null Value', {nullValue: 'NULL_VALUE'}],
    ['an empty struct', {structValue: {fields: {}}}],
    ['an empty name', {backingCustomJob: ''}],
    ['a name that is not a job', {backingCustomJob: 'not a job name'}],
    ['a custom job name under the tuning key', {backingHyperparameterTuningJob: CUSTOM}],
    ['a number', {structValue: {fields: {backingCustomJob: {numberValue: 12}}}}],
    ['a list', [CUSTOM]],
  ])('is undefined for %s', (_shape, metadata) => {
    expect(backingJobOf(pipeline(metadata))).toBeUndefined();
  });

  it('gives the numeric id a job’s log entries are labelled with', () => {
    expect(jobIdOf(CUSTOM)).toBe('12');
  });
});
