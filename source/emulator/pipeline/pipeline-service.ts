// google.cloud.aiplatform.v1.PipelineService: the TrainingPipeline methods, as handlers keyed by
// proto method name (registered in server.ts). Same parent/name checks, filter (PIPELINE_STATE_*
// names), paging and errors as the job methods.
import {
  isTerminalState,
  type InputDataConfigLike,
  type TrainingPipelineLike,
} from '../../core/job-spec/index.js';
import {parseFilter, type FilterExpr} from '../rpc/filter.js';
import {invalidArgument} from '../rpc/grpc-errors.js';
import type {RecordStore} from '../records/record-store.js';
import {cancelInBackground, type ServiceLog} from '../records/cancel-failure.js';
import {findRecord, listPage, type ListRequest} from '../rpc/list-page.js';
import type {OperationStore} from '../rpc/operations.js';
import {PIPELINE_FIELDS} from '../rpc/read-mask.js';
import {
  deleteFinishedRun,
  newRunRecord,
  requireCancellable,
  settleLostRun,
} from '../rpc/run-record.js';
import {validateTuningJob} from '../study/validate-tuning.js';
import {validateCustomJob} from '../custom-job/validate-request.js';
import {isAutoMlDefinition, refuseAutoMl} from './automl-check.js';
import {validateModelToUpload} from './model-to-upload.js';
import {pipelineState, pipelineToProto, type PipelineRecord} from './pipeline-record.js';
import type {PipelineRunner} from './pipeline-runner.js';
import {planCustomTask, type TaskPlan} from './task-inputs.js';

const CUSTOM_TASKS = /\/(custom_task|hyperparameter_tuning_task)_1\.0\.0\.yaml$/;
const MODEL_ID = /^[a-z_][a-z0-9_-]{0,62}$/;

/** Prepares the managed dataset's split for the job: the AIP_DATA_* variables replicas get. */
export type DataPreparer = (
  config: InputDataConfigLike,
  pipeline: PipelineRecord,
) => Promise<Record<string, string>>;

export function recoverPipelines(store: RecordStore<PipelineRecord>): void {
  for (const pipeline of store.list()) {
    if (isTerminalState(pipeline.state)) continue;
    settleLostRun(pipeline);
    store.put(pipeline);
  }
}

/**
 * PipelineState (aiplatform v1 pipeline_state.proto): JobState's members but EXPIRED, UPDATING
 * and PARTIALLY_SUCCEEDED, spelled PIPELINE_STATE_*.
 */
const PIPELINE_STATES = new Set([
  'PIPELINE_STATE_UNSPECIFIED',
  'PIPELINE_STATE_QUEUED',
  'PIPELINE_STATE_PENDING',
  'PIPELINE_STATE_RUNNING',
  'PIPELINE_STATE_SUCCEEDED',
  'PIPELINE_STATE_FAILED',
  'PIPELINE_STATE_CANCELLING',
  'PIPELINE_STATE_CANCELLED',
  'PIPELINE_STATE_PAUSED',
]);

function stateValues(expr: FilterExpr): string[] {
  if (expr.kind === 'compare') return expr.field === 'state' ? [expr.value] : [];
  if (expr.kind === 'not') return stateValues(expr.operand);
  if (expr.kind === 'and' || expr.kind === 'or')
    return [...stateValues(expr.left), ...stateValues(expr.right)];
  return [];
}

/**
 * ListTrainingPipelinesRequest.filter compares `state` with PipelineState names
 * (pipeline_service.proto: `state="PIPELINE_STATE_SUCCEEDED"`); an enum value is its name
 * (AIP-160, https://google.aip.dev/160), so a JobState name or one PipelineState lacks is
 * INVALID_ARGUMENT. The job filter grammar the emulator evaluates with speaks JobState.
 */
function toJobStates(filter: string | undefined): string | undefined {
  if (!filter) return filter;
  let expr: FilterExpr;
  try {
    expr = parseFilter(filter);
  } catch {
    return filter; // the list's own filter check reports the syntax error
  }
  const wrong = stateValues(expr).find((value) => !PIPELINE_STATES.has(value));
  if (wrong !== undefined)
    throw invalidArgument(
      `Invalid filter "${filter}": value "${wrong}" for field "state" is not a PipelineState (${[...PIPELINE_STATES].join(', ')})`,
    );
  return filter.replace(/\bPIPELINE_STATE_([A-Z_]+)/g, 'JOB_STATE_$1');
}

function validatePlan(plan: TaskPlan, displayName: string): void {
  if (plan.kind === 'custom') {
    validateCustomJob({displayName, jobSpec: plan.jobSpec});
  } else {
    validateTuningJob({
      displayName,
      studySpec: plan.studySpec,
      maxTrialCount: plan.maxTrialCount,
      parallelTrialCount: plan.parallelTrialCount,
      maxFailedTrialCount: plan.maxFailedTrialCount,
      trialJobSpec: plan.trialJobSpec,
    });
  }
}

/** Keeps a refused request as received, for the user to inspect (refused/ in the data folder). */
export type RefusedRecorder = (kind: string, request: unknown) => void;

export function pipelineServiceHandlers(
  store: RecordStore<PipelineRecord>,
  runner: PipelineRunner,
  operations: OperationStore,
  prepareData: DataPreparer,
  recordRefused: RefusedRecorder = () => undefined,
  log: ServiceLog = () => {},
) {
  const find = (name: string): PipelineRecord =>
    findRecord(store, name, 'trainingPipelines', 'TrainingPipeline');

  return {
    createTrainingPipeline: async (request: {
      parent: string;
      trainingPipeline?: TrainingPipelineLike & {modelId?: string};
    }) => {
      const spec = request.trainingPipeline;
      if (!spec) throw invalidArgument('training_pipeline is required.');
      if (!spec.displayName) throw invalidArgument('training_pipeline.display_name is required.');
      const definition = spec.trainingTaskDefinition ?? '';
      if (isAutoMlDefinition(definition)) {
        // What would have gone to Vertex, kept as received: the refusal names where it is.
        recordRefused('automl', request);
        refuseAutoMl(spec, request.parent);
      }
      if (!CUSTOM_TASKS.test(definition))
        throw invalidArgument(
          `training_pipeline.training_task_definition "${definition}" is not a known definition; use gs://google-cloud-aiplatform/schema/trainingjob/definition/custom_task_1.0.0.yaml.`,
        );
      const plan = planCustomTask(spec.trainingTaskInputs, definition);
      validatePlan(plan, spec.displayName);
      if (spec.modelId && !MODEL_ID.test(spec.modelId))
        throw invalidArgument(
          `training_pipeline.model_id "${spec.modelId}" must be up to 63 characters of a-z, 0-9, "_" and "-", not starting with a digit or hyphen.`,
        );
      const base =
        plan.kind === 'custom'
          ? plan.jobSpec.baseOutputDirectory
          : plan.trialJobSpec.baseOutputDirectory;
      validateModelToUpload(spec.modelToUpload);
      const modelToUpload = spec.modelToUpload as Record<string, unknown> | undefined;
      if (modelToUpload && !modelToUpload.artifactUri && !base?.outputUriPrefix)
        throw invalidArgument(
          'training_pipeline.model_to_upload needs artifact_uri, or base_output_directory in the task inputs (its model/ folder, AIP_MODEL_DIR, becomes the artifact).',
        );
      const pipeline: PipelineRecord = {
        ...newRunRecord(store, request.parent, 'trainingPipelines', spec),
        trainingTaskDefinition: definition,
        trainingTaskInputs: spec.trainingTaskInputs,
        ...(spec.inputDataConfig && {inputDataConfig: spec.inputDataConfig}),
        ...(modelToUpload && {modelToUpload}),
        ...(spec.modelId && {modelId: spec.modelId}),
      };
      // The split is exported before anything is created, so a bad dataset fails the call.
      const env = spec.inputDataConfig ? await prepareData(spec.inputDataConfig, pipeline) : {};
      store.insert(pipeline);
      const response = pipelineToProto(pipeline);
      runner.start(pipeline, plan, env);
      return response;
    },

    getTrainingPipeline: (request: {name: string}) => pipelineToProto(find(request.name)),

    listTrainingPipelines: (request: ListRequest) => {
      const filter = toJobStates(request.filter);
      const {items, nextPageToken} = listPage(
        store.list(),
        {...request, ...(filter !== undefined && {filter})},
        pipelineToProto,
        PIPELINE_FIELDS,
      );
      return {trainingPipelines: items, nextPageToken};
    },

    cancelTrainingPipeline: async (request: {name: string}) => {
      const pipeline = find(request.name);
      requireCancellable(pipeline, 'TrainingPipeline', pipelineState(pipeline.state));
      cancelInBackground(runner.cancel(pipeline), pipeline.name, log);
      return {};
    },

    deleteTrainingPipeline: (request: {name: string}) => {
      const pipeline = find(request.name);
      return deleteFinishedRun(
        store,
        operations,
        pipeline,
        'TrainingPipeline',
        undefined,
        pipelineState(pipeline.state),
      );
    },
  };
}
