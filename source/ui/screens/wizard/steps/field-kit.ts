// The kit every form step is written with: the two field kinds (text, choice), the context a field
// reads (catalog, today, the pool a per-pool step edits, …), the step definition each step module
// exports, and the small parsers and draft edits several steps share. Pure, without Ink.
import type {
  Catalog,
  JobDraft,
  PoolTask,
  WorkerPoolDraft,
} from '../../../../core/job-spec/index.js';
import type {DatasetListing} from '../dataset-list.js';
import type {ResourceListing} from '../resource-list.js';

export interface FieldContext {
  catalog: Catalog;
  today: string;
  /** The worker pool a per-pool step edits. */
  pool: number;
  /** The project's managed datasets, while the dataset step is open (dataset-list.ts). */
  datasets?: DatasetListing;
  /** The persistent resources of the job's region, once the Options step has read them. */
  persistentResources?: ResourceListing;
  /** Where the app's session runs now (the Where step says when submit will reopen it). */
  session?: SessionTarget;
  /** Where the app's resolution found each value ("gcloud config \"default\"", "settings" …). */
  sources?: Partial<Record<WhereKey, {value: string; source: string}>>;
  /** Where the settings file lives (named where the catalog notes say how to update it). */
  settingsPath?: string;
}

export type WhereKey = 'backend' | 'project' | 'region' | 'stagingBucket';

export interface SessionTarget {
  backend: 'local' | 'vertex';
  project: string;
  region: string;
  /** The bucket the session stages to regardless of the draft (Vertex, when resolved). */
  stagingBucket?: string;
}

export interface Option {
  value: string;
  label: string;
  /** Shown in the list with this reason, but not selectable. */
  disabled?: string;
}

interface FieldBase {
  id: string;
  label: string;
  /** Shown only when it applies (e.g. the package fields for a pre-built image). */
  when?(draft: JobDraft, ctx: FieldContext): boolean;
  /** A one-line hint under the field while it is focused. */
  hint?: string;
  /** Which located problems show under this field (default: those with its id as field). */
  owns?(problem: {path: string; field: string; rule?: string}, draft: JobDraft): boolean;
  /** A line always shown under the field (e.g. why a list is empty and what to do). */
  note?(draft: JobDraft, ctx: FieldContext): string | undefined;
}

export interface TextField extends FieldBase {
  kind: 'text';
  get(draft: JobDraft, ctx: FieldContext): string;
  /** The changed draft, or a message saying why the text is not a value. */
  set(draft: JobDraft, text: string, ctx: FieldContext): JobDraft | string;
}

export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options(draft: JobDraft, ctx: FieldContext): Option[];
  get(draft: JobDraft, ctx: FieldContext): string;
  set(draft: JobDraft, value: string, ctx: FieldContext): JobDraft;
}

export type Field = TextField | ChoiceField;

export interface Claim {
  /** A validation problem's path this step fixes. */
  path: RegExp;
  /** The field (or part, see StepDef.parts) that fixes it. */
  field: string;
}

/** choice: one list; form: labelled fields; table: rows to add/edit/delete; pools: the 4 slots. */
export type StepKind = 'choice' | 'form' | 'table' | 'pools' | 'review';

/** One wizard step, as its module exports it; steps/index.ts puts them in order. */
export interface StepDef<Id extends string = string> {
  id: Id;
  title: string;
  kind: StepKind;
  /** Does this step apply to the draft as it stands? */
  when(draft: JobDraft): boolean;
  /** The form's fields, in screen order (each may apply only sometimes: Field.when). */
  fields: readonly Field[];
  /**
   * What else on the step a problem can be located at, beside its fields: a choice list, the pool
   * slots, the parameter table, or inputs the form has no field for (shown on the review).
   */
  parts?: readonly string[];
  /** Problem paths this step fixes, each with the field that fixes it; the first match wins. */
  claims: readonly Claim[];
  /** The field the review opens the step on (o); by default its first field or part. */
  opens?: string;
  /** One short line for the breadcrumb / side panel, once something is chosen. */
  summary(draft: JobDraft): string;
  /** Per-pool steps (container, compute) are shown once per used pool. */
  perPool?: boolean;
}

/** A step definition with its id kept as a literal type, so the step list can name its ids. */
export function defineStep<const Id extends string>(step: StepDef<Id>): StepDef<Id> {
  return step;
}

/** Problem paths inside one worker pool: `workerPools[2]`. */
export const POOL_PATH = String.raw`workerPools\[\d+\]`;

export const isCustom = (draft: JobDraft) => draft.trainingType === 'custom';

// ---- draft edits ---------------------------------------------------------------------------

const EMPTY_POOL: WorkerPoolDraft = {
  machine: {machineType: 'n1-standard-4'},
  replicaCount: 1,
  task: {kind: 'container', imageUri: '', command: [], args: [], env: []},
};

/** The pool a per-pool field edits: the primary's when that slot is empty. */
export function poolOf(draft: JobDraft, index: number): WorkerPoolDraft {
  return draft.workerPools[index] ?? draft.workerPools[0] ?? EMPTY_POOL;
}

export function withPool(
  draft: JobDraft,
  index: number,
  change: (pool: WorkerPoolDraft) => WorkerPoolDraft,
): JobDraft {
  const pools = [...draft.workerPools] as (WorkerPoolDraft | undefined)[];
  pools[index] = change(poolOf(draft, index));
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

export const withTask = (draft: JobDraft, index: number, task: PoolTask): JobDraft =>
  withPool(draft, index, (pool) => ({...pool, task}));

/** Splits like a shell, without running one: spaces separate, quotes group. */
// ---- parsers -------------------------------------------------------------------------------

/** "1 pool", "2 pools": a count and its noun, agreeing. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function splitArgs(text: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) out.push(match[1] ?? match[2] ?? match[3] ?? '');
  return out;
}

export function joinArgs(args: readonly string[]): string {
  // An imported file may hold anything here; show it rather than fail.
  if (!Array.isArray(args)) return JSON.stringify(args) ?? '';
  return args
    .map((arg) => (/[\s"']/.test(arg) || arg === '' ? JSON.stringify(arg) : arg))
    .join(' ');
}

export const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

export function pairs(text: string): [string, string][] | string {
  const out: [string, string][] = [];
  for (const item of list(text)) {
    const at = item.indexOf('=');
    if (at <= 0) return `write KEY=VALUE pairs separated by commas; "${item}" has no KEY=`;
    out.push([item.slice(0, at).trim(), item.slice(at + 1).trim()]);
  }
  return out;
}

/** "24h", "90m", "45s" or plain seconds → seconds. */
export function parseDuration(text: string): number | undefined | string {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/.exec(trimmed);
  if (!match) return 'write a duration such as 24h, 90m or 3600s';
  const unit = {'': 1, s: 1, m: 60, h: 3600, d: 86400}[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit);
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export function wholeNumber(text: string, what: string): number | string {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) ? value : `${what} must be a whole number`;
}

export function optionalText<K extends keyof JobDraft>(
  key: K,
  label: string,
  hint?: string,
): TextField {
  return {
    id: key,
    label,
    kind: 'text',
    ...(hint && {hint}),
    get: (draft) => String(draft[key] ?? ''),
    set: (draft, text) => {
      const next = {...draft};
      if (text.trim() === '') delete next[key];
      else (next as Record<string, unknown>)[key] = text.trim();
      return next;
    },
  };
}

// ---- a field as the form shows and changes it ----------------------------------------------

/** A field's value as the form shows it (the option's label for a choice). */
export function shownValue(field: Field, draft: JobDraft, ctx: FieldContext): string {
  const value = field.get(draft, ctx);
  if (field.kind === 'text') return value;
  return field.options(draft, ctx).find((option) => option.value === value)?.label ?? value;
}

/** The next (or previous) option of a choice field, wrapping around. */
export function cycleChoice(
  field: ChoiceField,
  draft: JobDraft,
  ctx: FieldContext,
  by: 1 | -1,
): JobDraft {
  const options = field.options(draft, ctx);
  const current = field.get(draft, ctx);
  // Disabled options are skipped (the current value stays even when it has become one).
  const usable = options.filter((option) => !option.disabled || option.value === current);
  if (usable.length === 0) return draft;
  const at = usable.findIndex((option) => option.value === current);
  const next = usable[(at + by + usable.length) % usable.length]!;
  return next.disabled ? draft : field.set(draft, next.value, ctx);
}
