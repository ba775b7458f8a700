// The local study search: which parameter values each new trial gets. GRID_SEARCH walks the grid
// in order (the first parameter varies slowest); RANDOM_SEARCH samples every parameter
// independently, honouring its scale type (linear, log, reverse log); ALGORITHM_UNSPECIFIED is
// random search here (Vertex's default Bayesian optimisation is not reproduced locally). Random
// draws come from a generator seeded by the tuning job's id, so a study is reproducible, and
// avoid repeating an assignment while unseen ones remain. Conditional parameters take a value
// only when their parent's value is one of their parent values.
import type {ParameterSpecLike, StudySpecLike} from '../../core/job-spec/index.js';

export type ParameterValue = number | string;
export interface Assignment {
  parameterId: string;
  value: ParameterValue;
  /** INTEGER, DOUBLE, DISCRETE or CATEGORICAL, for formatting. */
  kind: ParameterKind;
}
export type ParameterKind = 'DOUBLE' | 'INTEGER' | 'DISCRETE' | 'CATEGORICAL';

/** Grids larger than this are refused (they would never finish and cost memory to enumerate). */
export const MAX_GRID_POINTS = 100_000;

export function parameterKind(spec: ParameterSpecLike): ParameterKind | undefined {
  if (spec.doubleValueSpec) return 'DOUBLE';
  if (spec.integerValueSpec) return 'INTEGER';
  if (spec.discreteValueSpec) return 'DISCRETE';
  if (spec.categoricalValueSpec) return 'CATEGORICAL';
  return undefined;
}

/** The finite values of a non-DOUBLE parameter, in order. */
export function gridValues(spec: ParameterSpecLike): ParameterValue[] {
  if (spec.integerValueSpec) {
    const min = Number(spec.integerValueSpec.minValue);
    const max = Number(spec.integerValueSpec.maxValue);
    if (max - min + 1 > MAX_GRID_POINTS) return [];
    return Array.from({length: max - min + 1}, (_, i) => min + i);
  }
  if (spec.discreteValueSpec) return [...spec.discreteValueSpec.values].map(Number);
  if (spec.categoricalValueSpec) return [...spec.categoricalValueSpec.values];
  return [];
}

/** The conditional children of a parameter that apply when it takes `value`. */
function activeChildren(spec: ParameterSpecLike, value: ParameterValue): ParameterSpecLike[] {
  return (spec.conditionalParameterSpecs ?? [])
    .filter((child) => {
      const parents =
        child.parentCategoricalValues?.values ??
        child.parentIntValues?.values ??
        child.parentDiscreteValues?.values ??
        [];
      return parents.some((parent) =>
        typeof value === 'string' ? String(parent) === value : Number(parent) === value,
      );
    })
    .map((child) => child.parameterSpec);
}

function assignment(spec: ParameterSpecLike, value: ParameterValue): Assignment {
  return {parameterId: spec.parameterId, value, kind: parameterKind(spec) ?? 'DOUBLE'};
}

/** Every grid point (with conditional parameters expanded), or undefined when above the cap. */
export function enumerateGrid(parameters: ParameterSpecLike[]): Assignment[][] | undefined {
  let points: Assignment[][] = [[]];
  for (const spec of parameters) {
    const options: Assignment[][] = [];
    for (const value of gridValues(spec)) {
      const children = enumerateGrid(activeChildren(spec, value));
      if (!children) return undefined;
      for (const child of children) options.push([assignment(spec, value), ...child]);
    }
    if (points.length * options.length > MAX_GRID_POINTS) return undefined;
    points = points.flatMap((point) => options.map((option) => [...point, ...option]));
  }
  return points;
}

/** mulberry32: a small, well-mixed 32-bit generator; enough for parameter sampling. */
export function seededRandom(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value in [min, max] for the unit draw u, by scale type. */
export function scaled(min: number, max: number, u: number, scaleType?: string): number {
  if (max <= min) return min;
  if (scaleType === 'UNIT_LOG_SCALE' && min > 0) {
    return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
  }
  if (scaleType === 'UNIT_REVERSE_LOG_SCALE' && min > 0) {
    // Log spacing mirrored, so draws crowd towards max instead of min.
    return max + min - Math.exp(Math.log(min) + (1 - u) * (Math.log(max) - Math.log(min)));
  }
  return min + u * (max - min);
}

function sampleParameter(spec: ParameterSpecLike, random: () => number): Assignment[] {
  let value: ParameterValue;
  if (spec.doubleValueSpec) {
    const {minValue, maxValue} = spec.doubleValueSpec;
    value = Math.min(
      maxValue,
      Math.max(minValue, scaled(minValue, maxValue, random(), spec.scaleType)),
    );
  } else if (spec.integerValueSpec) {
    const min = Number(spec.integerValueSpec.minValue);
    const max = Number(spec.integerValueSpec.maxValue);
    // Widen by half a step on each side so both ends are as likely as inner values.
    const drawn = scaled(min - 0.5 > 0 ? min - 0.5 : min, max + 0.5, random(), spec.scaleType);
    value = Math.min(max, Math.max(min, Math.round(drawn)));
  } else {
    const values = gridValues(spec);
    value = values[
      Math.min(values.length - 1, Math.floor(random() * values.length))
    ] as ParameterValue;
  }
  return [
    assignment(spec, value),
    ...activeChildren(spec, value).flatMap((child) => sampleParameter(child, random)),
  ];
}

const key = (point: Assignment[]) =>
  point.map((a) => `${a.parameterId}=${String(a.value)}`).join('&');

/** Suggests the parameters of new trials for a study; stateful across calls. */
export class StudySearch {
  private readonly grid?: Assignment[][];
  private readonly random: () => number;
  private readonly seen = new Set<string>();
  private next = 0;

  constructor(
    private readonly study: StudySpecLike,
    seed: string,
  ) {
    this.random = seededRandom(seed);
    if (study.algorithm === 'GRID_SEARCH') this.grid = enumerateGrid(study.parameters) ?? [];
  }

  /** How many distinct points the space has, when it is finite (no DOUBLE anywhere). */
  get gridSize(): number | undefined {
    return this.grid?.length;
  }

  /** The next trial's parameters, or undefined when the grid is exhausted. */
  suggest(): Assignment[] | undefined {
    if (this.grid) return this.grid[this.next++];
    let point = this.study.parameters.flatMap((spec) => sampleParameter(spec, this.random));
    for (let attempt = 0; attempt < 50 && this.seen.has(key(point)); attempt++) {
      point = this.study.parameters.flatMap((spec) => sampleParameter(spec, this.random));
    }
    this.seen.add(key(point));
    return point;
  }

  /** Replays `count` suggestions (restores a search after a restart without new trials). */
  skip(count: number): void {
    for (let i = 0; i < count; i++) this.suggest();
  }
}

/** The command-line form Vertex passes a trial: `--<parameter_id>=<value>`. */
export function trialArgs(point: Assignment[]): string[] {
  return point.map((a) => `--${a.parameterId}=${formatValue(a)}`);
}

export function formatValue(a: Assignment): string {
  if (typeof a.value === 'string') return a.value;
  if (a.kind === 'INTEGER') return String(Math.round(a.value));
  return String(a.value);
}
