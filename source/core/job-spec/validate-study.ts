// Rules for a hyperparameter study (StudySpec and trial counts).
import type {ParameterDraft, StudyDraft} from './draft.js';
import type {RuleContext} from './validate-context.js';

export const MAX_DISCRETE_VALUES = 1000;
const GRID_KINDS: readonly ParameterDraft['kind'][] = ['integer', 'categorical', 'discrete'];

export function validateStudy(study: StudyDraft, ctx: RuleContext): void {
  const {add} = ctx;
  if (study.metrics.length === 0) {
    add(
      'study-metrics-required',
      'studySpec.metrics',
      'a study needs at least one metric to optimise',
      'add a metric with the tag your code reports through hypertune, and its goal',
    );
  }
  const metricIds = new Set<string>();
  study.metrics.forEach((metric, i) => {
    const path = `studySpec.metrics[${i}].metricId`;
    if (metric.metricId === '' || /\s/.test(metric.metricId)) {
      add(
        'metric-id-format',
        path,
        `metric ids must be non-empty and have no whitespace; ${JSON.stringify(metric.metricId)} is not`,
        'use the exact hyperparameter_metric_tag your code reports, e.g. accuracy',
      );
    }
    if (metricIds.has(metric.metricId)) {
      add(
        'metric-id-unique',
        path,
        `metric ids must be unique; ${metric.metricId} appears twice`,
        'remove or rename the duplicate metric',
      );
    }
    metricIds.add(metric.metricId);
  });
  if (study.parameters.length === 0) {
    add(
      'study-parameters-required',
      'studySpec.parameters',
      'a study needs at least one parameter to tune',
      'add a parameter such as learning_rate (double, 0.0001–0.1, log scale)',
    );
  }
  const parameterIds = new Set<string>();
  const visit = (parameter: ParameterDraft, path: string): void => {
    validateParameter(parameter, path, parameterIds, study, ctx);
    parameter.conditions?.forEach((condition, j) => {
      const childPath = `${path}.conditionalParameterSpecs[${j}]`;
      validateCondition(parameter, condition.parentValues, `${childPath}.parentValues`, ctx);
      visit(condition.parameter, `${childPath}.parameterSpec`);
    });
  };
  study.parameters.forEach((parameter, i) => visit(parameter, `studySpec.parameters[${i}]`));
  validateTrialCounts(study, ctx);
}

function validateParameter(
  parameter: ParameterDraft,
  path: string,
  seen: Set<string>,
  study: StudyDraft,
  ctx: RuleContext,
): void {
  const {add} = ctx;
  const id = parameter.parameterId;
  if (id === '' || /\s/.test(id)) {
    add(
      'parameter-id-format',
      `${path}.parameterId`,
      `parameter ids must be non-empty and have no whitespace; ${JSON.stringify(id)} is not`,
      'use the flag name your code reads, e.g. learning_rate',
    );
  } else if (seen.has(id)) {
    add(
      'parameter-id-unique',
      `${path}.parameterId`,
      `parameter ids must be unique; ${id} appears twice`,
      'rename or remove the duplicate parameter',
    );
  }
  seen.add(id);
  if (study.algorithm === 'GRID_SEARCH' && !GRID_KINDS.includes(parameter.kind)) {
    add(
      'grid-search-types',
      path,
      `grid search takes only integer, categorical or discrete parameters; ${id} is ${parameter.kind}`,
      'turn it into a discrete parameter with the values to try, or use random search',
    );
  }
  const isLog =
    parameter.scale === 'UNIT_LOG_SCALE' || parameter.scale === 'UNIT_REVERSE_LOG_SCALE';
  switch (parameter.kind) {
    case 'double':
    case 'integer': {
      const spec = parameter.kind === 'double' ? 'doubleValueSpec' : 'integerValueSpec';
      const bad =
        !Number.isFinite(parameter.min) ||
        !Number.isFinite(parameter.max) ||
        (parameter.kind === 'integer' &&
          (!Number.isInteger(parameter.min) || !Number.isInteger(parameter.max)));
      if (bad || parameter.min > parameter.max) {
        add(
          'parameter-range-order',
          `${path}.${spec}`,
          `a ${parameter.kind} range needs min ≤ max${parameter.kind === 'integer' ? ' (whole numbers)' : ''}; ${id} has ${parameter.min}…${parameter.max}`,
          'swap or correct the bounds',
        );
      }
      if (isLog && parameter.min <= 0) {
        add(
          'log-scale-positive',
          `${path}.${spec}.minValue`,
          `a log scale needs a strictly positive range; ${id} starts at ${parameter.min}`,
          'raise the minimum above 0 (e.g. 1e-5), or use UNIT_LINEAR_SCALE',
        );
      }
      break;
    }
    case 'categorical': {
      const unique = new Set(parameter.values);
      if (parameter.values.length === 0 || unique.size !== parameter.values.length) {
        add(
          'categorical-values',
          `${path}.categoricalValueSpec.values`,
          `categorical parameter ${id} needs at least one value, each once`,
          'list the distinct values to try, e.g. ["adam", "sgd"]',
        );
      }
      if (parameter.scale !== undefined) {
        add(
          'categorical-scale',
          `${path}.scaleType`,
          `scale type must be unset for categorical parameter ${id}`,
          'remove the scale',
        );
      }
      break;
    }
    case 'discrete': {
      const values = parameter.values;
      const increasing = values.every(
        (value, i) => Number.isFinite(value) && (i === 0 || value - (values[i - 1] ?? 0) >= 1e-10),
      );
      if (values.length === 0 || !increasing) {
        add(
          'discrete-values-order',
          `${path}.discreteValueSpec.values`,
          `discrete values of ${id} must be in increasing order, at least 1e-10 apart`,
          `sort them: [${[...new Set(values)].sort((a, b) => a - b).join(', ')}]`,
        );
      }
      if (values.length > MAX_DISCRETE_VALUES) {
        add(
          'discrete-values-limit',
          `${path}.discreteValueSpec.values`,
          `a discrete parameter takes at most 1,000 values; ${id} has ${values.length}`,
          'use fewer values, or an integer/double range',
        );
      }
      if (isLog && values.some((value) => value <= 0)) {
        add(
          'log-scale-positive',
          `${path}.discreteValueSpec.values`,
          `a log scale needs strictly positive values; ${id} has ${Math.min(...values)}`,
          'drop values ≤ 0, or use UNIT_LINEAR_SCALE',
        );
      }
      break;
    }
  }
}

function validateCondition(
  parent: ParameterDraft,
  values: readonly (string | number)[],
  path: string,
  ctx: RuleContext,
): void {
  const fail = (message: string, fix: string) =>
    ctx.add('conditional-parent-values', path, message, fix);
  if (parent.kind === 'double') {
    fail(
      `conditional parameters need an integer, categorical or discrete parent; ${parent.parameterId} is double`,
      'make the parent discrete, or move the child to the top level',
    );
    return;
  }
  if (values.length === 0) {
    fail(
      `a conditional parameter needs the parent values it applies to`,
      `list one or more values of ${parent.parameterId}`,
    );
    return;
  }
  const outside = values.filter((value) => {
    if (parent.kind === 'categorical') return !parent.values.includes(String(value));
    if (typeof value !== 'number') return true;
    if (parent.kind === 'discrete') return !parent.values.includes(value);
    return !Number.isInteger(value) || value < parent.min || value > parent.max;
  });
  if (outside.length > 0) {
    fail(
      `parent values must be values of ${parent.parameterId}; ${outside.map(String).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not`,
      `use values that ${parent.parameterId} can take`,
    );
  }
}

function validateTrialCounts(study: StudyDraft, ctx: RuleContext): void {
  const {add} = ctx;
  const {maxTrialCount, parallelTrialCount, maxFailedTrialCount} = study;
  const whole = (n: number) => Number.isInteger(n) && n >= 1;
  if (!whole(maxTrialCount) || !whole(parallelTrialCount)) {
    add(
      'trial-counts',
      whole(maxTrialCount) ? 'parallelTrialCount' : 'maxTrialCount',
      `max and parallel trial counts must be whole numbers ≥ 1; they are ${maxTrialCount} and ${parallelTrialCount}`,
      'set e.g. maxTrialCount 20 and parallelTrialCount 4',
    );
  } else if (parallelTrialCount > maxTrialCount) {
    add(
      'parallel-le-max',
      'parallelTrialCount',
      `parallel trials cannot exceed max trials; ${parallelTrialCount} > ${maxTrialCount}`,
      `set parallelTrialCount to at most ${maxTrialCount}`,
    );
  }
  if (
    maxFailedTrialCount !== undefined &&
    (!Number.isInteger(maxFailedTrialCount) || maxFailedTrialCount < 0)
  ) {
    add(
      'max-failed-trials',
      'maxFailedTrialCount',
      `max failed trial count must be a whole number ≥ 0; it is ${maxFailedTrialCount}`,
      'set 0 to let Vertex decide, or a positive number',
    );
  }
}
