// The user's settings, stored with `conf` in the settings file (settings-file.ts) with mode 0600:
// default backend (the last one used), project, region, staging bucket, wizard presets and UI
// preferences. `catalog` lives in the same file and is read by catalog-overrides.ts.
// A corrupt file is never a crash: it is moved aside to `<file>.corrupt-<time>`, the settings
// start empty, and `recovered` names both files so the app and commands can say so.
import fs from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import {settingsFile} from './settings-file.js';
import {checkEndNotice} from './end-notice-settings.js';
import type {EndNoticeKind} from '../text/end-notice.js';

/** Where jobs run: the embedded local emulator or Vertex AI. */
export type BackendKind = 'local' | 'vertex';
export const BACKEND_KINDS: readonly BackendKind[] = ['local', 'vertex'];

/** The backend choices a user's settings file can hold (flags and environment come first). */
export interface BackendSettings {
  backend?: BackendKind;
  project?: string;
  region?: string;
  stagingBucket?: string;
}

export interface UiPreferences {
  theme?: 'dark' | 'light';
  /** Lines kept per job in the log view's buffer. */
  logCap?: number;
  /** Command name → key, e.g. {"job.cancel": "ctrl+x"}. */
  keys?: Record<string, string>;
  /** When a job whose dashboard was opened ends: a bell, a desktop notification, both or off. */
  jobEndNotice?: EndNoticeKind;
}

export interface StoredSettings {
  backend?: BackendKind;
  project?: string;
  region?: string;
  stagingBucket?: string;
  /** Named wizard presets (the wizard owns their shape). */
  presets?: Record<string, unknown>;
  ui?: UiPreferences;
  /** Catalog overrides (see catalog-overrides.ts). */
  catalog?: unknown;
}

export interface LoadedSettings {
  file: string;
  /** The known fields that passed their checks. */
  values: StoredSettings;
  /** One line per field that was ignored, naming the field, the rule and the fix. */
  problems: string[];
  /** Set when the file was corrupt: where its old content went. */
  recovered?: string;
}

const BACKENDS = ['local', 'vertex'];

function checkFields(raw: Record<string, unknown>): {values: StoredSettings; problems: string[]} {
  const values: StoredSettings = {};
  const problems: string[] = [];
  const string = (name: 'project' | 'region' | 'stagingBucket') => {
    const value = raw[name];
    if (value === undefined) return;
    if (typeof value === 'string' && value.trim()) values[name] = value.trim();
    else
      problems.push(
        `settings "${name}" must be a non-empty string; it is ignored (fix or remove it).`,
      );
  };
  if (raw.backend !== undefined) {
    if (typeof raw.backend === 'string' && BACKENDS.includes(raw.backend))
      values.backend = raw.backend as BackendKind;
    else
      problems.push(
        `settings "backend" must be "local" or "vertex"; got ${JSON.stringify(raw.backend)}, ignored.`,
      );
  }
  string('project');
  string('region');
  string('stagingBucket');
  if (raw.stagingBucket !== undefined && values.stagingBucket?.startsWith('gs://'))
    values.stagingBucket = values.stagingBucket.replace(/^gs:\/\//, '').replace(/\/.*$/, '');
  if (raw.presets !== undefined) {
    if (raw.presets && typeof raw.presets === 'object' && !Array.isArray(raw.presets))
      values.presets = raw.presets as Record<string, unknown>;
    else problems.push('settings "presets" must be an object of named presets; ignored.');
  }
  if (raw.ui !== undefined) {
    const ui = raw.ui as Record<string, unknown>;
    if (!ui || typeof ui !== 'object' || Array.isArray(ui)) {
      problems.push('settings "ui" must be an object; ignored.');
    } else {
      const checked: UiPreferences = {};
      if (ui.theme === 'dark' || ui.theme === 'light') checked.theme = ui.theme;
      else if (ui.theme !== undefined)
        problems.push('settings "ui.theme" must be "dark" or "light"; ignored.');
      if (Number.isInteger(ui.logCap) && (ui.logCap as number) >= 100)
        checked.logCap = ui.logCap as number;
      else if (ui.logCap !== undefined)
        problems.push('settings "ui.logCap" must be a whole number ≥ 100; ignored.');
      const keys = ui.keys as Record<string, unknown> | undefined;
      if (
        keys &&
        typeof keys === 'object' &&
        Object.values(keys).every((k) => typeof k === 'string')
      )
        checked.keys = keys as Record<string, string>;
      else if (ui.keys !== undefined)
        problems.push('settings "ui.keys" must map command names to key names (strings); ignored.');
      const notice = checkEndNotice(ui.jobEndNotice);
      if (notice.kind !== undefined) checked.jobEndNotice = notice.kind;
      if (notice.problem) problems.push(notice.problem);
      values.ui = checked;
    }
  }
  if (raw.catalog !== undefined) values.catalog = raw.catalog;
  return {values, problems};
}

/**
 * The file's JSON object ({} when there is no file); a file that is not a JSON object is moved
 * aside and `recovered` names the backup. Reading needs no `conf`: conf (with ajv, ~200 KB of
 * bundle) is loaded only to write, so a start never parses it before its first frame (issue #22;
 * conf's `store` is this same JSON.parse of the file when there is no schema or encryption).
 */
function readSettingsFile(file: string): {raw: Record<string, unknown>; recovered?: string} {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {raw: {}};
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return {raw: value as Record<string, unknown>};
  } catch {
    // falls through: not JSON
  }
  const backup = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, backup);
  return {raw: {}, recovered: backup};
}

/**
 * conf keeps an existing file's mode; settings may name buckets and projects: owner only. A
 * symbolic link is left alone: chmod would change its target (a dotfiles repository's file, or
 * anything else it points to); symlinkNotice says so instead.
 */
function keepPrivate(file: string): void {
  const stat = fs.lstatSync(file, {throwIfNoEntry: false});
  if (stat?.isFile()) fs.chmodSync(file, 0o600);
}

async function openConf(file: string): Promise<Conf<StoredSettings>> {
  const {default: ConfClass} = await import('conf');
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
  const extension = path.extname(file);
  const conf = new ConfClass<StoredSettings>({
    cwd: path.dirname(file),
    configName: path.basename(file, extension),
    fileExtension: extension.replace(/^\./, ''),
    configFileMode: 0o600,
    projectSuffix: '',
    // Pretty JSON: people edit this file by hand (catalog overrides).
    serialize: (value) => `${JSON.stringify(value, null, 2)}\n`,
  });
  keepPrivate(file);
  return conf;
}

/** The problem line for a settings file that is a symbolic link (its target is not chmod-ed). */
function symlinkNotice(file: string): string | undefined {
  if (!fs.lstatSync(file, {throwIfNoEntry: false})?.isSymbolicLink()) return undefined;
  let target = '';
  try {
    target = fs.realpathSync(file);
  } catch {
    target = fs.readlinkSync(file);
  }
  return `the settings file ${file} is a symbolic link to ${target}; vtrain-tui leaves that file's permissions alone (run \`chmod 600 ${target}\` to keep it private).`;
}

export class SettingsStore {
  private constructor(
    /** Opened on the first write: reading loads no conf and creates nothing. */
    private conf: Conf<StoredSettings> | undefined,
    readonly loaded: LoadedSettings,
  ) {}

  static async open(file = settingsFile()): Promise<SettingsStore> {
    const {raw, recovered} = readSettingsFile(file);
    keepPrivate(file);
    const {values, problems} = checkFields(raw);
    const linked = symlinkNotice(file);
    if (linked) problems.push(linked);
    return new SettingsStore(undefined, {
      file,
      values,
      problems,
      ...(recovered && {recovered}),
    });
  }

  get values(): StoredSettings {
    return this.loaded.values;
  }

  /** What backend resolution reads. */
  backendSettings(): BackendSettings {
    const {backend, project, region, stagingBucket} = this.loaded.values;
    return {
      ...(backend && {backend}),
      ...(project && {project}),
      ...(region && {region}),
      ...(stagingBucket && {stagingBucket}),
    };
  }

  /** Writes one field (conf writes atomically); other fields, `catalog` included, are kept. */
  async set<K extends keyof StoredSettings>(key: K, value: StoredSettings[K]): Promise<void> {
    this.conf ??= await openConf(this.loaded.file);
    if (value === undefined) this.conf.delete(key);
    else this.conf.set(key, value as never);
    (this.loaded.values as Record<string, unknown>)[key] = value;
  }

  /** One line for the user when the file had to be reset, else undefined. */
  recoveryMessage(): string | undefined {
    return this.loaded.recovered
      ? `the settings file ${this.loaded.file} was not valid JSON; it was moved to ${this.loaded.recovered} and settings start empty.`
      : undefined;
  }
}
