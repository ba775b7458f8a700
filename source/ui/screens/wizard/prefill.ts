// Where a new job's values come from besides the example: a named preset (saved from the review
// with `s`, loaded with `l` on the first step or `vtrain-tui new --preset NAME`) and the last
// submitted job (kept in the data folder on every successful submit, so a fresh data folder starts
// from the example), without environment variable values, which may hold secrets.
import fs from 'node:fs';
import path from 'node:path';
import type {JobDraft} from '../../../core/job-spec/index.js';
import {PRESET_NAME, presetFile} from './preset-file.js';

export const LAST_SUBMITTED_FILE = 'last-submitted.json';

export class PrefillError extends Error {}

export interface Prefill {
  draft: JobDraft;
  /** For the review: "preset gpu-a100", "the last submitted job (2026-12-01 22:40 UTC)". */
  origin: string;
}

export function lastSubmittedFile(dataDir: string): string {
  return path.join(dataDir, LAST_SUBMITTED_FILE);
}

/** A JSON value that has the shape of a draft (enough for the wizard to open it). */
function isDraftLike(value: unknown): value is JobDraft {
  const draft = value as Partial<JobDraft> | undefined;
  return (
    !!draft &&
    typeof draft === 'object' &&
    (draft.trainingType === 'custom' || draft.trainingType === 'automl') &&
    typeof draft.workflow === 'string' &&
    typeof draft.project === 'string' &&
    typeof draft.region === 'string' &&
    typeof draft.displayName === 'string' &&
    Array.isArray(draft.workerPools) &&
    draft.workerPools.length >= 1 &&
    typeof draft.labels === 'object'
  );
}

/** What is remembered of a submitted draft: no env values, no request id. */
export function rememberable(draft: JobDraft): JobDraft {
  const {vtrain_request_id: _id, ...labels} = draft.labels;
  const pools = draft.workerPools.map(
    (pool) =>
      pool && {...pool, task: {...pool.task, env: pool.task.env.map((v) => ({...v, value: ''}))}},
  );
  return {...draft, labels, workerPools: pools as JobDraft['workerPools']};
}

function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), {recursive: true});
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, {mode: 0o600});
  fs.renameSync(temporary, file);
}

export function saveLastSubmitted(dataDir: string, draft: JobDraft, now = new Date()): void {
  writeAtomically(
    lastSubmittedFile(dataDir),
    `${JSON.stringify({submittedAt: now.toISOString(), draft: rememberable(draft)}, null, 2)}\n`,
  );
}

/** The last submitted job, or undefined when there is none or it cannot be read. */
export function loadLastSubmitted(dataDir: string): Prefill | undefined {
  try {
    const saved = JSON.parse(fs.readFileSync(lastSubmittedFile(dataDir), 'utf8')) as {
      submittedAt?: string;
      draft?: unknown;
    };
    if (!isDraftLike(saved.draft)) return undefined;
    const when = saved.submittedAt
      ? ` (${saved.submittedAt.slice(0, 16).replace('T', ' ')} UTC)`
      : '';
    return {draft: saved.draft, origin: `the last submitted job${when}`};
  } catch {
    return undefined;
  }
}

/** The names of the saved presets, sorted. */
export function listPresets(settingsPath: string): string[] {
  const folder = path.dirname(presetFile(settingsPath, 'x'));
  try {
    return fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .filter((name) => PRESET_NAME.test(name))
      .sort();
  } catch {
    return [];
  }
}

export function loadPreset(settingsPath: string, name: string): Prefill {
  const trimmed = name.trim();
  if (!PRESET_NAME.test(trimmed))
    throw new PrefillError(
      `"${trimmed}" is not a preset name: 1–64 letters, digits, dots, _ or -, starting with a letter or digit`,
    );
  const file = presetFile(settingsPath, trimmed);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    const names = listPresets(settingsPath);
    throw new PrefillError(
      `there is no preset "${trimmed}" (${file}) → ${names.length ? `saved presets: ${names.join(', ')}` : 'save one from the review with s'}`,
    );
  }
  let saved: {draft?: unknown};
  try {
    saved = JSON.parse(text) as {draft?: unknown};
  } catch (error) {
    throw new PrefillError(
      `the preset file ${file} is not JSON (${(error as Error).message}) → save the preset again from the review with s`,
    );
  }
  if (!isDraftLike(saved.draft))
    throw new PrefillError(
      `the preset file ${file} does not hold a job → save the preset again from the review with s`,
    );
  return {draft: saved.draft, origin: `preset ${trimmed}`};
}
