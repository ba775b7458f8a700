// Writing the job out of the wizard: the --config YAML (or, for pipelines, the REST JSON body) or
// the gcloud command as a shell script to a file the user names, and named presets (the draft
// itself) beside the settings file. Writes go to a temporary file first and are renamed into
// place, so a file is never left half-written.
import fs from 'node:fs/promises';
import path from 'node:path';
import type {JobDraft} from '../../../core/job-spec/index.js';
import {buildCreateRequest} from '../../../core/job-spec/create-request.js';
import {gcloudConfigYaml, restBodyJson} from '../../../core/job-spec/export.js';
import {
  COMMAND_SCRIPT_NAME,
  exportCommand,
  gcloudCommandScript,
} from '../../../core/job-spec/gcloud-command.js';
import {PRESET_NAME, presetFile} from './preset-file.js';

export function configFileText(draft: JobDraft): {text: string; extension: 'yaml' | 'json'} {
  if (buildCreateRequest(draft).method === 'createTrainingPipeline')
    return {text: restBodyJson(draft), extension: 'json'};
  return {text: exportCommand(draft).file?.contents ?? gcloudConfigYaml(draft), extension: 'yaml'};
}

export function defaultConfigPath(draft: JobDraft): string {
  const name = draft.displayName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'job';
  return `${name}.${configFileText(draft).extension}`;
}

/** What `w` writes: the config file (config and request views) or the command (gcloud view). */
export type WriteTarget = 'config' | 'command';

async function writeAtomically(file: string, text: string, mode = 0o600): Promise<void> {
  await fs.mkdir(path.dirname(file), {recursive: true});
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, text, {mode});
  await fs.rename(temporary, file);
}

export async function writeConfigFile(draft: JobDraft, file: string): Promise<string> {
  const target = path.resolve(file);
  await writeAtomically(target, configFileText(draft).text);
  return target;
}

/**
 * Writes the command as a script to run with `sh FILE`. Readable by others like any source file
 * (0644) but not executable: running it is the user's choice, and we never run it.
 */
export async function writeCommandScript(draft: JobDraft, file: string): Promise<string> {
  const target = path.resolve(file);
  await writeAtomically(target, gcloudCommandScript(draft), 0o644);
  return target;
}

export function defaultWritePath(draft: JobDraft, target: WriteTarget): string {
  return target === 'command' ? COMMAND_SCRIPT_NAME : defaultConfigPath(draft);
}

export async function savePreset(
  settingsPath: string,
  name: string,
  draft: JobDraft,
): Promise<string> {
  if (!PRESET_NAME.test(name))
    throw new Error(
      'a preset name is 1–64 letters, digits, dots, _ or -, starting with a letter or digit',
    );
  const file = presetFile(settingsPath, name);
  await writeAtomically(file, `${JSON.stringify({preset: name, draft}, null, 2)}\n`);
  return file;
}

export async function fileExists(file: string): Promise<boolean> {
  return fs.stat(path.resolve(file)).then(
    () => true,
    () => false,
  );
}
