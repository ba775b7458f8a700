// StudySpec (metrics, typed and conditional parameters, algorithm) and trial counts → StudyDraft.
import type {ConditionalParameterDraft, ParameterDraft, StudyDraft} from './draft.js';
import type {Json, PathKey, Reader} from './import-reader.js';

const SCALES = ['UNIT_LINEAR_SCALE', 'UNIT_LOG_SCALE', 'UNIT_REVERSE_LOG_SCALE'] as const;

function readParameter(r: Reader, value: unknown, path: PathKey[]): ParameterDraft | undefined {
  const o = r.object(value, path, [
    'parameterId',
    'doubleValueSpec',
    'integerValueSpec',
    'categoricalValueSpec',
    'discreteValueSpec',
    'scaleType',
    'conditionalParameterSpecs',
  ]);
  if (!o) return undefined;
  const parameterId = r.string(o.parameterId, [...path, 'parameterId'], true) ?? '';
  const specs = [
    'doubleValueSpec',
    'integerValueSpec',
    'categoricalValueSpec',
    'discreteValueSpec',
  ].filter((key) => o[key] !== undefined && o[key] !== null);
  if (specs.length !== 1) {
    r.error(
      path,
      `parameter ${parameterId} needs exactly one value spec; it has ${specs.length}`,
      'keep one of doubleValueSpec, integerValueSpec, categoricalValueSpec, discreteValueSpec',
    );
    return undefined;
  }
  const key = specs[0] ?? '';
  const p = [...path, key];
  const base = {parameterId} as {parameterId: string; scale?: ParameterDraft['scale']};
  const scale = r.enumName(o.scaleType, [...path, 'scaleType'], SCALES);
  if (scale !== undefined) base.scale = scale;
  let parameter: ParameterDraft;
  if (key === 'doubleValueSpec' || key === 'integerValueSpec') {
    const spec = r.object(o[key], p, ['minValue', 'maxValue'], ['defaultValue']) ?? {};
    const read = key === 'doubleValueSpec' ? r.number.bind(r) : r.integer.bind(r);
    // A 0 bound is a real bound, so read it without proto3 "unset" defaults.
    const min =
      (r.strict ? read(spec.minValue, [...p, 'minValue'], true) : Number(spec.minValue ?? 0)) ?? 0;
    const max =
      (r.strict ? read(spec.maxValue, [...p, 'maxValue'], true) : Number(spec.maxValue ?? 0)) ?? 0;
    parameter = {...base, kind: key === 'doubleValueSpec' ? 'double' : 'integer', min, max};
  } else if (key === 'categoricalValueSpec') {
    const spec = r.object(o[key], p, ['values'], ['defaultValue']) ?? {};
    parameter = {...base, kind: 'categorical', values: r.stringList(spec.values, [...p, 'values'])};
  } else {
    const spec = r.object(o[key], p, ['values'], ['defaultValue']) ?? {};
    const values = r.list(spec.values, [...p, 'values']).flatMap((v, i) => {
      const n = r.number(v, [...p, 'values', i], true);
      return n === undefined ? [] : [n];
    });
    parameter = {...base, kind: 'discrete', values};
  }
  const conditionsPath = [...path, 'conditionalParameterSpecs'];
  const conditions = r.list(o.conditionalParameterSpecs, conditionsPath).flatMap((item, i) => {
    const c = readCondition(r, item, [...conditionsPath, i]);
    return c ? [c] : [];
  });
  if (conditions.length > 0) parameter.conditions = conditions;
  return parameter;
}

function readCondition(
  r: Reader,
  value: unknown,
  path: PathKey[],
): ConditionalParameterDraft | undefined {
  const o = r.object(value, path, [
    'parentDiscreteValues',
    'parentIntValues',
    'parentCategoricalValues',
    'parameterSpec',
  ]);
  if (!o) return undefined;
  const parentKey = ['parentDiscreteValues', 'parentIntValues', 'parentCategoricalValues'].find(
    (key) => o[key] !== undefined && o[key] !== null,
  );
  if (!parentKey) {
    r.error(
      path,
      'a conditional parameter needs parentDiscreteValues, parentIntValues or parentCategoricalValues',
      'add the parent values it applies to',
    );
    return undefined;
  }
  const holder = r.object(o[parentKey], [...path, parentKey], ['values']) ?? {};
  const vPath = [...path, parentKey, 'values'];
  const parentValues: (string | number)[] =
    parentKey === 'parentCategoricalValues'
      ? r.stringList(holder.values, vPath)
      : r.list(holder.values, vPath).flatMap((v, i) => {
          const n =
            parentKey === 'parentIntValues'
              ? r.integer(v, [...vPath, i], true)
              : r.number(v, [...vPath, i], true);
          return n === undefined ? [] : [n];
        });
  const parameter = readParameter(r, o.parameterSpec, [...path, 'parameterSpec']);
  return parameter ? {parentValues, parameter} : undefined;
}

const ALGORITHMS = ['ALGORITHM_UNSPECIFIED', 'GRID_SEARCH', 'RANDOM_SEARCH'] as const;

export function readStudy(r: Reader, job: Json, path: PathKey[]): StudyDraft {
  const sPath = [...path, 'studySpec'];
  const spec =
    r.object(
      job.studySpec,
      sPath,
      ['metrics', 'parameters', 'algorithm', 'measurementSelectionType'],
      [
        'decayCurveStoppingSpec',
        'medianAutomatedStoppingSpec',
        'convexAutomatedStoppingSpec',
        'observationNoise',
        'studyStoppingConfig',
      ],
    ) ?? {};
  if (!job.studySpec)
    r.error(sPath, 'a tuning job needs a studySpec', 'add studySpec with metrics and parameters');
  const metrics = r.list(spec.metrics, [...sPath, 'metrics']).flatMap((item, i) => {
    const m = r.object(item, [...sPath, 'metrics', i], ['metricId', 'goal'], ['safetyConfig']);
    if (!m) return [];
    const metricId = r.string(m.metricId, [...sPath, 'metrics', i, 'metricId'], true) ?? '';
    const goal =
      r.enumName(m.goal, [...sPath, 'metrics', i, 'goal'], ['MAXIMIZE', 'MINIMIZE'] as const) ??
      'MAXIMIZE';
    return [{metricId, goal}];
  });
  const parameters = r.list(spec.parameters, [...sPath, 'parameters']).flatMap((item, i) => {
    const p = readParameter(r, item, [...sPath, 'parameters', i]);
    return p ? [p] : [];
  });
  const study: StudyDraft = {
    metrics,
    parameters,
    algorithm:
      r.enumName(spec.algorithm, [...sPath, 'algorithm'], ALGORITHMS) ?? 'ALGORITHM_UNSPECIFIED',
    maxTrialCount: r.integer(job.maxTrialCount, [...path, 'maxTrialCount']) ?? 1,
    parallelTrialCount: r.integer(job.parallelTrialCount, [...path, 'parallelTrialCount']) ?? 1,
  };
  const selection = r.enumName(
    spec.measurementSelectionType,
    [...sPath, 'measurementSelectionType'],
    ['LAST_MEASUREMENT', 'BEST_MEASUREMENT'] as const,
  );
  if (selection !== undefined) study.measurementSelection = selection;
  const failed = r.integer(job.maxFailedTrialCount, [...path, 'maxFailedTrialCount']);
  if (failed !== undefined) study.maxFailedTrialCount = failed;
  return study;
}
