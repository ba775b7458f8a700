// The study's parameter table as text rows: one line per parameter, typed the way people say it
// ("lr double 0.0001 0.1 log", "optimizer categorical adam,sgd"), shown back the same way, plus the
// flag each trial receives. Pure, so the table editor is a thin view.
import type {ParameterDraft, ScaleType} from '../../../core/job-spec/index.js';

const SCALES: Record<string, ScaleType> = {
  linear: 'UNIT_LINEAR_SCALE',
  log: 'UNIT_LOG_SCALE',
  reverse: 'UNIT_REVERSE_LOG_SCALE',
};

export const PARAMETER_SYNTAX =
  'ID double|integer MIN MAX [linear|log|reverse]  ·  ID categorical A,B,C  ·  ID discrete 1,2,4';

export function parameterRow(parameter: ParameterDraft): string {
  const scale = Object.entries(SCALES).find(([, value]) => value === parameter.scale)?.[0];
  const tail = scale && scale !== 'linear' ? ` ${scale}` : '';
  if (parameter.kind === 'double' || parameter.kind === 'integer')
    return `${parameter.parameterId} ${parameter.kind} ${parameter.min} ${parameter.max}${tail}`;
  return `${parameter.parameterId} ${parameter.kind} ${parameter.values.join(',')}${tail}`;
}

/** A typed row → a parameter, or a message naming what is wrong and the syntax. */
export function parseParameterRow(text: string): ParameterDraft | string {
  const [id, kind, ...rest] = text.trim().split(/\s+/);
  if (!id || !kind) return `write: ${PARAMETER_SYNTAX}`;
  const scaleWord = rest.find((word) => word in SCALES);
  const scale = scaleWord ? SCALES[scaleWord] : undefined;
  const values = rest.filter((word) => !(word in SCALES));
  const withScale = <P extends ParameterDraft>(p: P): P => (scale ? {...p, scale} : p);
  if (kind === 'double' || kind === 'integer') {
    const [min, max] = values.map(Number);
    if (values.length !== 2 || !Number.isFinite(min) || !Number.isFinite(max))
      return `a ${kind} parameter needs MIN and MAX, e.g. ${id} ${kind} ${kind === 'double' ? '0.001 0.1' : '1 8'}`;
    return withScale({parameterId: id, kind, min: min!, max: max!});
  }
  if (kind === 'categorical') {
    const list = values
      .join(' ')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    if (list.length === 0) return `list the values, e.g. ${id} categorical adam,sgd`;
    return {parameterId: id, kind, values: list};
  }
  if (kind === 'discrete') {
    const list = values
      .join(' ')
      .split(',')
      .map((v) => Number(v.trim()));
    if (list.length === 0 || list.some((n) => !Number.isFinite(n)))
      return `list numbers, e.g. ${id} discrete 16,32,64`;
    return withScale({parameterId: id, kind, values: list});
  }
  return `the type must be double, integer, categorical or discrete; "${kind}" is not`;
}

/** The flag a trial gets for this parameter, with an example value (Vertex passes --ID=VALUE). */
export function trialArgument(parameter: ParameterDraft): string {
  const example =
    parameter.kind === 'double' || parameter.kind === 'integer'
      ? parameter.min
      : (parameter.values[0] ?? '');
  return `--${parameter.parameterId}=${example}`;
}
