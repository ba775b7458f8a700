// The last job list seen, per backend, project and region, kept so that a returning run shows
// rows on its first frame instead of waiting a second for the Google clients: the home list draws
// these rows marked as cached, with their age, until the live list replaces them. Only the
// interactive job list reads and writes it; script commands (`jobs list`, …) are always live.
// Nothing cached is ever acted on: a cached row carries `cachedAt`, and the job actions re-read
// the job first (ui/job-actions).
//
// One small JSON file per backend/project/region under <data folder>/cache/job-list/, written
// atomically with mode 0600 (job names, labels and error lines are the user's data). Bounded: the
// first MAX_ROWS rows of the list, newest first (a page of the screen, never the whole history),
// and every string cut to its Vertex limit. A file that is corrupt, too big, of another version or
// of another key is ignored silently: the list then opens as it always did, on live data.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {JOB_STATES, type JobState} from '../../core/job-spec/job-state.js';
import {JOB_KINDS, type JobKind} from '../vertex/api.js';
import {jobIdOf} from '../vertex/job-snapshot.js';
import type {JobSummary} from './job-summary.js';

export const JOB_LIST_CACHE_VERSION = 1;
/** Rows kept: the default page of the list (use-job-list.ts reads 100 per type and page). */
export const MAX_ROWS = 100;
/** A file bigger than this is not ours (100 rows of bounded fields stay far below). */
export const MAX_FILE_BYTES = 512 * 1024;
// Vertex limits: display names up to 128 UTF-8 characters, at most 64 labels of up to 63
// characters each (https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.customJobs
// "displayName", "labels"). The error line and resources column are ours, cut to a screen width.
const MAX_NAME = 128;
const MAX_LABELS = 64;
const MAX_LABEL = 63;
const MAX_LINE = 300;

export interface JobListCacheKey {
  backend: 'local' | 'vertex';
  project: string;
  region: string;
}

/** A row read from the cache: shown, never acted on (re-read it first). */
export type CachedJobSummary = JobSummary & {cachedAt: number};

export interface CachedJobList {
  /** When the rows were read from the backend (ms since the epoch). */
  savedAt: number;
  rows: CachedJobSummary[];
}

/** True for a row that came from the cache rather than from the backend. */
export function isCachedRow(job: JobSummary | undefined): job is CachedJobSummary {
  return typeof (job as Partial<CachedJobSummary> | undefined)?.cachedAt === 'number';
}

/** The cache folder of a data folder (the app's other files live beside it). */
export function cacheFolder(dataDir: string): string {
  return path.join(dataDir, 'cache');
}

/** The file for one backend/project/region (hashed: project ids and regions stay out of paths). */
export function jobListCacheFile(dataDir: string, key: JobListCacheKey): string {
  const digest = crypto
    .createHash('sha256')
    .update(JSON.stringify([key.backend, key.project, key.region]))
    .digest('hex')
    .slice(0, 24);
  return path.join(cacheFolder(dataDir), 'job-list', `${key.backend}-${digest}.json`);
}

interface StoredRow {
  kind: JobKind;
  name: string;
  displayName: string;
  state: JobState;
  createTime?: number;
  startTime?: number;
  endTime?: number;
  updateTime?: number;
  error?: {code: number; message: string};
  labels: Record<string, string>;
  resources?: string;
}

interface StoredList extends JobListCacheKey {
  version: number;
  savedAt: number;
  rows: StoredRow[];
}

const TIMES = ['createTime', 'startTime', 'endTime', 'updateTime'] as const;
const cut = (text: string, max: number) => [...text].slice(0, max).join('');
const firstLine = (text: string) => text.split('\n')[0] ?? '';

function storedRow(job: JobSummary): StoredRow {
  const row: StoredRow = {
    kind: job.kind,
    name: job.name,
    displayName: cut(job.displayName, MAX_NAME),
    state: job.state,
    labels: Object.fromEntries(
      Object.entries(job.labels)
        .slice(0, MAX_LABELS)
        .map(([key, value]) => [cut(key, MAX_LABEL), cut(String(value), MAX_LABEL)]),
    ),
  };
  for (const field of TIMES) {
    const time = job[field]?.getTime();
    if (time !== undefined && Number.isFinite(time)) row[field] = time;
  }
  if (job.error)
    row.error = {code: job.error.code, message: cut(firstLine(job.error.message), MAX_LINE)};
  if (job.resources) row.resources = cut(job.resources, MAX_LINE);
  return row;
}

/** The file's text for these rows (the first MAX_ROWS only, fewer if they exceed the bound). */
export function serialiseJobList(
  key: JobListCacheKey,
  rows: readonly JobSummary[],
  savedAt: number,
): string {
  const stored: StoredList = {
    version: JOB_LIST_CACHE_VERSION,
    backend: key.backend,
    project: key.project,
    region: key.region,
    savedAt,
    rows: rows.slice(0, MAX_ROWS).map(storedRow),
  };
  // Rows full of long labels could still outgrow the file bound: keep fewer rows then.
  for (;;) {
    const text = `${JSON.stringify(stored)}\n`;
    if (Buffer.byteLength(text) <= MAX_FILE_BYTES || stored.rows.length <= 1) return text;
    stored.rows = stored.rows.slice(0, Math.floor(stored.rows.length / 2));
  }
}

const COLLECTIONS: Record<JobKind, string> = {
  custom: 'customJobs',
  hptuning: 'hyperparameterTuningJobs',
  pipeline: 'trainingPipelines',
};
const isString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max * 4;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function parseRow(value: unknown, parent: string, savedAt: number): CachedJobSummary | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const row = value as Record<string, unknown>;
  const kind = row.kind as JobKind;
  if (!JOB_KINDS.includes(kind)) return undefined;
  // Only jobs of this key's project and region, in their type's collection.
  const name = row.name;
  const collection = `${parent}/${COLLECTIONS[kind]}/`;
  if (typeof name !== 'string' || !name.startsWith(collection)) return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name.slice(collection.length))) return undefined;
  if (!isString(row.displayName, MAX_NAME)) return undefined;
  if (!(JOB_STATES as readonly unknown[]).includes(row.state)) return undefined;
  const labels = row.labels;
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
  const labelEntries = Object.entries(labels as Record<string, unknown>);
  if (
    labelEntries.length > MAX_LABELS ||
    !labelEntries.every(([k, v]) => isString(k, MAX_LABEL) && isString(v, MAX_LABEL))
  )
    return undefined;
  const summary: CachedJobSummary = {
    kind,
    name,
    id: jobIdOf(name),
    displayName: row.displayName,
    state: row.state as JobState,
    labels: labels as Record<string, string>,
    // What describe or clone would need is not kept: a cached row is re-read before any action.
    resource: {name, displayName: row.displayName, state: row.state},
    cachedAt: savedAt,
  };
  for (const field of TIMES) {
    if (row[field] === undefined) continue;
    if (!isTime(row[field])) return undefined;
    summary[field] = new Date(row[field]);
  }
  if (row.error !== undefined) {
    const error = row.error as {code?: unknown; message?: unknown} | null;
    if (!error || typeof error.code !== 'number' || !isString(error.message, MAX_LINE))
      return undefined;
    summary.error = {code: error.code, message: error.message};
  }
  if (row.resources !== undefined) {
    if (!isString(row.resources, MAX_LINE)) return undefined;
    summary.resources = row.resources;
  }
  return summary;
}

/**
 * The cached list in `text` if it is this version's and this key's, else undefined (corrupt,
 * foreign or empty: never an error). One bad row discards the whole file.
 */
export function parseJobList(text: string, key: JobListCacheKey): CachedJobList | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const stored = value as Partial<StoredList>;
  if (
    stored.version !== JOB_LIST_CACHE_VERSION ||
    stored.backend !== key.backend ||
    stored.project !== key.project ||
    stored.region !== key.region ||
    !isTime(stored.savedAt) ||
    !Array.isArray(stored.rows) ||
    stored.rows.length === 0 ||
    stored.rows.length > MAX_ROWS
  )
    return undefined;
  const parent = `projects/${key.project}/locations/${key.region}`;
  const rows: CachedJobSummary[] = [];
  const seen = new Set<string>();
  for (const value of stored.rows) {
    const row = parseRow(value, parent, stored.savedAt);
    if (!row || seen.has(row.name)) return undefined;
    seen.add(row.name);
    rows.push(row);
  }
  return {savedAt: stored.savedAt, rows};
}

/** The last list saved for `key`, or undefined (none, unreadable, corrupt, foreign). */
export function readJobListCache(dataDir: string, key: JobListCacheKey): CachedJobList | undefined {
  try {
    const file = jobListCacheFile(dataDir, key);
    const descriptor = fs.openSync(file, 'r');
    try {
      const {size} = fs.fstatSync(descriptor);
      if (size > MAX_FILE_BYTES) return undefined;
      const buffer = Buffer.alloc(size);
      const read = fs.readSync(descriptor, buffer, 0, size, 0);
      return parseJobList(buffer.toString('utf8', 0, read), key);
    } finally {
      fs.closeSync(descriptor);
    }
  } catch {
    return undefined;
  }
}

/**
 * Saves `rows` (the list newest first; only the first MAX_ROWS are kept) for `key`. Best effort:
 * a read-only or full disk loses the cache, never the list.
 */
export function writeJobListCache(
  dataDir: string,
  key: JobListCacheKey,
  rows: readonly JobSummary[],
  savedAt = Date.now(),
): boolean {
  const file = jobListCacheFile(dataDir, key);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
    fs.chmodSync(path.dirname(file), 0o700);
    fs.writeFileSync(temporary, serialiseJobList(key, rows, savedAt), {mode: 0o600});
    // An existing temporary file keeps its mode through writeFileSync: set it.
    fs.chmodSync(temporary, 0o600);
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, {force: true});
    } catch {
      // nothing to clean
    }
    return false;
  }
}

/** The cache of one backend/project/region, as the job list screen uses it. */
export interface JobListCacheAccess {
  readonly key: JobListCacheKey;
  load(): CachedJobList | undefined;
  save(rows: readonly JobSummary[]): void;
}

export function jobListCacheAccess(dataDir: string, key: JobListCacheKey): JobListCacheAccess {
  return {
    key,
    load: () => readJobListCache(dataDir, key),
    save: (rows) => void writeJobListCache(dataDir, key, rows),
  };
}
