// Import a job from text (a gcloud --config YAML, a REST JSON body or create request) or from a
// job object fetched from the API (for "clone"). Errors carry the field path and, for text, the
// line and column, so a bad file is fixed in one pass.
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
} from 'yaml';
import type {JobDraft} from './draft.js';
import {draftFromResource, type ImportContext} from './import-resource.js';
import {formatPath, Reader, type Json, type PathKey, type ReadProblem} from './import-reader.js';

export type {ImportContext, ResourceKind} from './import-resource.js';
export {defaultWorkerPool, detectResourceKind} from './import-resource.js';

export interface ImportProblem {
  /** Field path in the input, e.g. `workerPoolSpecs[0].machineSpec.machineType`. */
  path: string;
  /** 1-based position in the text, when importing text. */
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
}

export type ImportResult =
  | {ok: true; draft: JobDraft; warnings: ImportProblem[]}
  | {ok: false; errors: ImportProblem[]; warnings: ImportProblem[]};

const WRAPPERS = ['customJob', 'hyperparameterTuningJob', 'trainingPipeline'] as const;

/** A create request `{parent, customJob}` stands for its resource, named by `parent`. */
function unwrap(
  value: unknown,
  context: ImportContext,
): {value: unknown; prefix: PathKey[]; context: ImportContext} {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {value, prefix: [], context};
  const object = value as Json;
  const key = WRAPPERS.find((k) => k in object);
  if (!key || Object.keys(object).some((k) => k !== key && k !== 'parent'))
    return {value, prefix: [], context};
  const match = /^projects\/([^/]+)\/locations\/([^/]+)$/.exec(String(object.parent ?? ''));
  return {
    value: object[key],
    prefix: [key],
    context: match ? {...context, project: match[1], region: match[2]} : context,
  };
}

function finish(
  draft: JobDraft | undefined,
  problems: readonly ReadProblem[],
  locate: (path: PathKey[]) => {line: number; column: number} | undefined,
): ImportResult {
  const convert = (p: ReadProblem): ImportProblem => ({
    path: formatPath(p.path),
    ...locate(p.path),
    severity: p.severity,
    message: p.message,
    fix: p.fix,
  });
  const errors = problems.filter((p) => p.severity === 'error').map(convert);
  const warnings = problems.filter((p) => p.severity === 'warning').map(convert);
  if (!draft || errors.length > 0) {
    return {
      ok: false,
      errors:
        errors.length > 0
          ? errors
          : [{path: '', severity: 'error', message: 'nothing to import', fix: 'give a job file'}],
      warnings,
    };
  }
  return {ok: true, draft, warnings};
}

/** Position of the deepest node of `path` that exists in the document (1-based). */
function locator(doc: Document, counter: LineCounter) {
  return (path: PathKey[]): {line: number; column: number} | undefined => {
    let node: unknown = doc.contents;
    let offset = (node as {range?: [number, number, number]} | null)?.range?.[0];
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
        if (!pair) break;
        offset = (pair.key as {range?: [number, number, number]}).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as {range?: [number, number, number]} | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else {
        break;
      }
    }
    if (offset === undefined) return undefined;
    const {line, col} = counter.linePos(offset);
    return {line, column: col};
  };
}

/**
 * The yaml library's own guard against alias bombs ("billion laughs"): at most this many alias
 * expansions (weighted by the aliases inside the anchored value), its default, named here so the
 * message can say it.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * toJS() throws a bare ReferenceError for an alias without an anchor or for too many aliases; the
 * file's author needs the alias, its line and column and what to do instead.
 */
function aliasProblem(doc: Document, counter: LineCounter, error: unknown): ImportProblem {
  const aliases: Alias[] = [];
  visit(doc, {Alias: (_key, node) => void aliases.push(node)});
  const at = (node: Alias | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const {line, col} = counter.linePos(offset);
    return {line, column: col};
  };
  const unresolved = aliases.find((node) => node.resolve(doc) === undefined);
  if (unresolved) {
    return {
      path: '',
      ...at(unresolved),
      severity: 'error',
      message: `the alias *${unresolved.source} names no anchor &${unresolved.source} set before it`,
      fix: `set &${unresolved.source} on a value above this line, or write the value out`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/Excessive alias count/i.test(message)) {
    const uses = new Map<string, Alias[]>();
    for (const node of aliases) uses.set(node.source, [...(uses.get(node.source) ?? []), node]);
    const [source, nodes] = [...uses].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
    return {
      path: '',
      ...at(nodes[0]),
      severity: 'error',
      message: `the file expands aliases more than ${MAX_ALIAS_COUNT} times (*${source} is used ${nodes.length} times); vtrain-tui refuses this to guard against alias bombs`,
      fix: 'write the repeated values out, or use fewer aliases',
    };
  }
  return {
    path: '',
    severity: 'error',
    message: `the file is not valid YAML/JSON: ${message.split('\n')[0]}`,
    fix: 'fix the YAML at the value it names',
  };
}

/** Import a gcloud --config YAML or a REST JSON body / create request. */
export function importJobText(text: string, context: ImportContext = {}): ImportResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, {lineCounter: counter, prettyErrors: true});
  if (doc.errors.length > 0) {
    return {
      ok: false,
      warnings: [],
      errors: doc.errors.map((error) => {
        const pos = error.linePos?.[0];
        return {
          path: '',
          ...(pos && {line: pos.line, column: pos.col}),
          severity: 'error' as const,
          message: `the file is not valid YAML/JSON: ${error.message.split('\n')[0] ?? error.code}`,
          fix: 'fix the syntax at the position given (indentation, quotes, colons)',
        };
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({maxAliasCount: MAX_ALIAS_COUNT});
  } catch (error) {
    return {ok: false, warnings: [], errors: [aliasProblem(doc, counter, error)]};
  }
  const reader = new Reader(true);
  const unwrapped = unwrap(value, context);
  const draft = draftFromResource(reader, unwrapped.value, unwrapped.context);
  const locate = locator(doc, counter);
  const problems = reader.problems.map((p) => ({...p, path: [...unwrapped.prefix, ...p.path]}));
  return finish(draft, problems, locate);
}

/** Import an already-parsed resource or create request (e.g. from JSON.parse), strictly. */
export function importJobObject(value: unknown, context: ImportContext = {}): ImportResult {
  const reader = new Reader(true);
  const unwrapped = unwrap(value, context);
  const draft = draftFromResource(reader, unwrapped.value, unwrapped.context);
  const problems = reader.problems.map((p) => ({...p, path: [...unwrapped.prefix, ...p.path]}));
  return finish(draft, problems, () => undefined);
}

/**
 * Import a job fetched from the API (CustomJob, HyperparameterTuningJob or TrainingPipeline as the
 * Node client returns it) for cloning: output-only fields are ignored, proto3 defaults mean unset.
 */
export function draftFromApiJob(job: unknown, context: ImportContext = {}): ImportResult {
  const reader = new Reader(false);
  const draft = draftFromResource(reader, job, context);
  return finish(draft, reader.problems, () => undefined);
}
