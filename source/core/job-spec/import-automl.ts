// Managed dataset (inputDataConfig) and AutoML task inputs → draft parts.
import type {
  AutoMlDraft,
  ColumnTransformation,
  DataDestination,
  DataSplit,
  DatasetDraft,
  TabularTransformationType,
} from './draft.js';
import {TABULAR_TRANSFORMATIONS} from './draft.js';
import type {Json, PathKey, Reader} from './import-reader.js';
import type {JsonValue} from './request.js';

export function readDataset(r: Reader, value: unknown, path: PathKey[]): DatasetDraft | undefined {
  const o = r.object(
    value,
    path,
    [
      'datasetId',
      'fractionSplit',
      'filterSplit',
      'predefinedSplit',
      'timestampSplit',
      'gcsDestination',
      'bigqueryDestination',
      'annotationsFilter',
      'annotationSchemaUri',
      'savedQueryId',
    ],
    ['stratifiedSplit', 'persistMlUseAssignment'],
  );
  if (!o) return undefined;
  const dataset: DatasetDraft = {
    kind: 'managed',
    datasetId: r.string(o.datasetId, [...path, 'datasetId'], true) ?? '',
  };
  const fraction = (key: string, f: Json, p: PathKey[]) => r.number(f[key], [...p, key]) ?? 0;
  let split: DataSplit | undefined;
  if (o.fractionSplit) {
    const p = [...path, 'fractionSplit'];
    const f =
      r.object(o.fractionSplit, p, ['trainingFraction', 'validationFraction', 'testFraction']) ??
      {};
    split = {
      kind: 'fraction',
      training: fraction('trainingFraction', f, p),
      validation: fraction('validationFraction', f, p),
      test: fraction('testFraction', f, p),
    };
  } else if (o.filterSplit) {
    const p = [...path, 'filterSplit'];
    const f =
      r.object(o.filterSplit, p, ['trainingFilter', 'validationFilter', 'testFilter']) ?? {};
    split = {
      kind: 'filter',
      training: r.string(f.trainingFilter, [...p, 'trainingFilter'], true) ?? '',
      validation: r.string(f.validationFilter, [...p, 'validationFilter'], true) ?? '',
      test: r.string(f.testFilter, [...p, 'testFilter'], true) ?? '',
    };
  } else if (o.predefinedSplit) {
    const p = [...path, 'predefinedSplit'];
    const f = r.object(o.predefinedSplit, p, ['key']) ?? {};
    split = {kind: 'predefined', key: r.string(f.key, [...p, 'key'], true) ?? ''};
  } else if (o.timestampSplit) {
    const p = [...path, 'timestampSplit'];
    const f =
      r.object(o.timestampSplit, p, [
        'trainingFraction',
        'validationFraction',
        'testFraction',
        'key',
      ]) ?? {};
    split = {
      kind: 'timestamp',
      training: fraction('trainingFraction', f, p),
      validation: fraction('validationFraction', f, p),
      test: fraction('testFraction', f, p),
      key: r.string(f.key, [...p, 'key'], true) ?? '',
    };
  }
  if (split) dataset.split = split;
  let destination: DataDestination | undefined;
  if (o.gcsDestination) {
    const f = r.object(o.gcsDestination, [...path, 'gcsDestination'], ['outputUriPrefix']) ?? {};
    destination = {
      kind: 'gcs',
      outputUriPrefix:
        r.string(f.outputUriPrefix, [...path, 'gcsDestination', 'outputUriPrefix'], true) ?? '',
    };
  } else if (o.bigqueryDestination) {
    const f =
      r.object(o.bigqueryDestination, [...path, 'bigqueryDestination'], ['outputUri']) ?? {};
    destination = {
      kind: 'bigquery',
      outputUri: r.string(f.outputUri, [...path, 'bigqueryDestination', 'outputUri'], true) ?? '',
    };
  }
  if (destination) dataset.destination = destination;
  for (const key of ['annotationsFilter', 'annotationSchemaUri', 'savedQueryId'] as const) {
    const v = r.string(o[key], [...path, key]);
    if (v !== undefined) dataset[key] = v;
  }
  return dataset;
}

/** Task inputs written by the Python SDK use snake_case keys; drafts read camelCase. */
export const camelKeys = (value: JsonValue): JsonValue => {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      camelKeys(v),
    ]),
  );
};

function readTransformations(r: Reader, value: unknown, path: PathKey[]): ColumnTransformation[] {
  const camelTypes = TABULAR_TRANSFORMATIONS.map((t) =>
    t.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  );
  return r.list(value, path).flatMap((item, i) => {
    const o = r.object(item, [...path, i], camelTypes) ?? {};
    const key = Object.keys(o)[0];
    const index = camelTypes.indexOf(key ?? '');
    if (index < 0) {
      r.error(
        [...path, i],
        'a transformation names one type, e.g. {auto: {columnName: x}}',
        `use ${camelTypes.join(', ')}`,
      );
      return [];
    }
    const detail =
      r.object(
        o[key ?? ''],
        [...path, i, key ?? ''],
        ['columnName', 'invalidValuesAllowed', 'timeFormat'],
      ) ?? {};
    const columnName =
      r.string(detail.columnName, [...path, i, key ?? '', 'columnName'], true) ?? '';
    return [{type: TABULAR_TRANSFORMATIONS[index] as TabularTransformationType, columnName}];
  });
}

export function readAutoMl(
  r: Reader,
  kind: AutoMlDraft['kind'],
  value: Json,
  path: PathKey[],
): AutoMlDraft | undefined {
  const p = (key: string) => [...path, key];
  const opt = <T>(v: T | undefined, key: string) => (v === undefined ? {} : {[key]: v});
  switch (kind) {
    case 'tabular': {
      const o =
        r.object(
          value,
          path,
          [
            'predictionType',
            'targetColumn',
            'transformations',
            'optimizationObjective',
            'optimizationObjectiveRecallValue',
            'optimizationObjectivePrecisionValue',
            'trainBudgetMilliNodeHours',
            'disableEarlyStopping',
            'weightColumnName',
          ],
          ['exportEvaluatedDataItemsConfig', 'additionalExperiments'],
        ) ?? {};
      return {
        kind,
        predictionType:
          r.enumName(o.predictionType, p('predictionType'), [
            'classification',
            'regression',
          ] as const) ?? 'classification',
        targetColumn: r.string(o.targetColumn, p('targetColumn'), true) ?? '',
        transformations: readTransformations(r, o.transformations, p('transformations')),
        ...opt(
          r.string(o.optimizationObjective, p('optimizationObjective')),
          'optimizationObjective',
        ),
        ...opt(
          r.number(o.optimizationObjectiveRecallValue, p('optimizationObjectiveRecallValue')),
          'optimizationObjectiveRecallValue',
        ),
        ...opt(
          r.number(o.optimizationObjectivePrecisionValue, p('optimizationObjectivePrecisionValue')),
          'optimizationObjectivePrecisionValue',
        ),
        trainBudgetMilliNodeHours:
          r.integer(o.trainBudgetMilliNodeHours, p('trainBudgetMilliNodeHours'), true) ?? 0,
        ...opt(
          r.boolean(o.disableEarlyStopping, p('disableEarlyStopping')),
          'disableEarlyStopping',
        ),
        ...opt(r.string(o.weightColumnName, p('weightColumnName')), 'weightColumnName'),
      };
    }
    case 'forecasting': {
      const o =
        r.object(
          value,
          path,
          [
            'targetColumn',
            'timeColumn',
            'timeSeriesIdentifierColumn',
            'forecastHorizon',
            'dataGranularity',
            'transformations',
            'availableAtForecastColumns',
            'unavailableAtForecastColumns',
            'trainBudgetMilliNodeHours',
            'optimizationObjective',
            'contextWindow',
            'weightColumn',
          ],
          [
            'timeSeriesAttributeColumns',
            'quantiles',
            'validationOptions',
            'holidayRegions',
            'exportEvaluatedDataItemsConfig',
            'additionalExperiments',
          ],
        ) ?? {};
      const g = r.object(o.dataGranularity, p('dataGranularity'), ['unit', 'quantity']) ?? {};
      return {
        kind,
        targetColumn: r.string(o.targetColumn, p('targetColumn'), true) ?? '',
        timeColumn: r.string(o.timeColumn, p('timeColumn'), true) ?? '',
        timeSeriesIdentifierColumn:
          r.string(o.timeSeriesIdentifierColumn, p('timeSeriesIdentifierColumn'), true) ?? '',
        forecastHorizon: r.integer(o.forecastHorizon, p('forecastHorizon'), true) ?? 0,
        dataGranularity: {
          unit: r.string(g.unit, [...p('dataGranularity'), 'unit'], true) ?? '',
          quantity: r.integer(g.quantity, [...p('dataGranularity'), 'quantity'], true) ?? 0,
        },
        transformations: readTransformations(r, o.transformations, p('transformations')),
        availableAtForecastColumns: r.stringList(
          o.availableAtForecastColumns,
          p('availableAtForecastColumns'),
        ),
        unavailableAtForecastColumns: r.stringList(
          o.unavailableAtForecastColumns,
          p('unavailableAtForecastColumns'),
        ),
        trainBudgetMilliNodeHours:
          r.integer(o.trainBudgetMilliNodeHours, p('trainBudgetMilliNodeHours'), true) ?? 0,
        ...opt(
          r.string(o.optimizationObjective, p('optimizationObjective')),
          'optimizationObjective',
        ),
        ...opt(r.integer(o.contextWindow, p('contextWindow')), 'contextWindow'),
        ...opt(r.string(o.weightColumn, p('weightColumn')), 'weightColumn'),
      };
    }
    case 'image-classification':
    case 'image-object-detection':
    case 'image-segmentation': {
      const o =
        r.object(
          value,
          path,
          [
            'modelType',
            'budgetMilliNodeHours',
            'disableEarlyStopping',
            'multiLabel',
            'baseModelId',
          ],
          ['uptrainBaseModelId', 'tunableParameter'],
        ) ?? {};
      return {
        kind,
        modelType: r.string(o.modelType, p('modelType'), true) ?? '',
        budgetMilliNodeHours:
          r.integer(o.budgetMilliNodeHours, p('budgetMilliNodeHours'), true) ?? 0,
        ...opt(
          r.boolean(o.disableEarlyStopping, p('disableEarlyStopping')),
          'disableEarlyStopping',
        ),
        ...opt(r.boolean(o.multiLabel, p('multiLabel')), 'multiLabel'),
        ...opt(r.string(o.baseModelId, p('baseModelId')), 'baseModelId'),
      };
    }
    case 'text-classification': {
      const o = r.object(value, path, ['multiLabel']) ?? {};
      return {kind, multiLabel: r.boolean(o.multiLabel, p('multiLabel')) ?? false};
    }
    case 'text-extraction':
      r.object(value, path, []);
      return {kind};
    case 'text-sentiment': {
      const o = r.object(value, path, ['sentimentMax']) ?? {};
      return {kind, sentimentMax: r.integer(o.sentimentMax, p('sentimentMax'), true) ?? 0};
    }
    case 'video-classification':
    case 'video-action-recognition':
    case 'video-object-tracking': {
      const o = r.object(value, path, ['modelType']) ?? {};
      return {kind, modelType: r.string(o.modelType, p('modelType'), true) ?? ''};
    }
  }
}
