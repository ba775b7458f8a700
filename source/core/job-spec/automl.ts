// AutoML task definitions and their allowed enum values. Source: python-aiplatform schema.py
// (definition URIs) and the aiplatform v1 schema/trainingjob/definition protos (inputs), as
// summarised in shared/reference/vertex-training-facts.md §7.
import type {AutoMlDraft} from './draft.js';

const DEFINITION_ROOT = 'gs://google-cloud-aiplatform/schema/trainingjob/definition/';

export const TASK_DEFINITIONS = {
  'custom-task': `${DEFINITION_ROOT}custom_task_1.0.0.yaml`,
  'hyperparameter-tuning-task': `${DEFINITION_ROOT}hyperparameter_tuning_task_1.0.0.yaml`,
  tabular: `${DEFINITION_ROOT}automl_tabular_1.0.0.yaml`,
  forecasting: `${DEFINITION_ROOT}automl_time_series_forecasting_1.0.0.yaml`,
  'image-classification': `${DEFINITION_ROOT}automl_image_classification_1.0.0.yaml`,
  'image-object-detection': `${DEFINITION_ROOT}automl_image_object_detection_1.0.0.yaml`,
  'image-segmentation': `${DEFINITION_ROOT}automl_image_segmentation_1.0.0.yaml`,
  'text-classification': `${DEFINITION_ROOT}automl_text_classification_1.0.0.yaml`,
  'text-extraction': `${DEFINITION_ROOT}automl_text_extraction_1.0.0.yaml`,
  'text-sentiment': `${DEFINITION_ROOT}automl_text_sentiment_1.0.0.yaml`,
  'video-action-recognition': `${DEFINITION_ROOT}automl_video_action_recognition_1.0.0.yaml`,
  'video-classification': `${DEFINITION_ROOT}automl_video_classification_1.0.0.yaml`,
  'video-object-tracking': `${DEFINITION_ROOT}automl_video_object_tracking_1.0.0.yaml`,
} as const satisfies Record<string, string>;

export type AutoMlKind = AutoMlDraft['kind'];

export const TABULAR_OBJECTIVES = {
  classification: [
    'maximize-au-roc',
    'minimize-log-loss',
    'maximize-au-prc',
    'maximize-precision-at-recall',
    'maximize-recall-at-precision',
  ],
  regression: ['minimize-rmse', 'minimize-mae', 'minimize-rmsle'],
} as const;

/** Forecasting objectives (AutoML forecasting inputs proto). */
export const FORECASTING_OBJECTIVES = [
  'minimize-rmse',
  'minimize-mae',
  'minimize-rmsle',
  'minimize-rmspe',
  'minimize-wape-mae',
  'minimize-quantile-loss',
] as const;

export const FORECASTING_GRANULARITY_UNITS = [
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
] as const;

const VIDEO_BASE = ['CLOUD', 'MOBILE_VERSATILE_1', 'MOBILE_JETSON_VERSATILE_1'];

export const MODEL_TYPES: Partial<Record<AutoMlKind, readonly string[]>> = {
  'image-classification': [
    'CLOUD',
    'MOBILE_TF_LOW_LATENCY_1',
    'MOBILE_TF_VERSATILE_1',
    'MOBILE_TF_HIGH_ACCURACY_1',
  ],
  'image-object-detection': [
    'CLOUD_HIGH_ACCURACY_1',
    'CLOUD_LOW_LATENCY_1',
    'MOBILE_TF_LOW_LATENCY_1',
    'MOBILE_TF_VERSATILE_1',
    'MOBILE_TF_HIGH_ACCURACY_1',
  ],
  'image-segmentation': [
    'CLOUD_HIGH_ACCURACY_1',
    'CLOUD_LOW_ACCURACY_1',
    'MOBILE_TF_LOW_LATENCY_1',
  ],
  'video-classification': VIDEO_BASE,
  'video-action-recognition': [...VIDEO_BASE, 'MOBILE_CORAL_VERSATILE_1'],
  'video-object-tracking': [
    'CLOUD',
    'MOBILE_VERSATILE_1',
    'MOBILE_CORAL_VERSATILE_1',
    'MOBILE_CORAL_LOW_LATENCY_1',
    'MOBILE_JETSON_VERSATILE_1',
    'MOBILE_JETSON_LOW_LATENCY_1',
  ],
};

export const TABULAR_BUDGET_RANGE = {min: 1_000, max: 72_000} as const;

/** The AutoML kind whose task definition is `uri`, if any. */
export function automlKindOfDefinition(uri: string): AutoMlKind | undefined {
  const entry = Object.entries(TASK_DEFINITIONS).find(([, value]) => value === uri);
  const kind = entry?.[0];
  return kind && kind !== 'custom-task' && kind !== 'hyperparameter-tuning-task'
    ? (kind as AutoMlKind)
    : undefined;
}
