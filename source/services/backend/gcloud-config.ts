// Reads the active gcloud configuration the way gcloud does, without running gcloud: the config
// folder is $CLOUDSDK_CONFIG or ~/.config/gcloud; the active configuration is
// $CLOUDSDK_ACTIVE_CONFIG_NAME, else the name in `active_config`, else "default"; its properties
// are in `configurations/config_NAME` (INI: [core] project, account; [ai] region).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {Env} from '../vertex/endpoints.js';

export type {Env};

export interface GcloudConfig {
  /** Name of the active configuration ("default" unless switched). */
  name: string;
  /** The file the values came from (absent when it does not exist). */
  file: string;
  project?: string;
  region?: string;
  account?: string;
}

export function gcloudConfigDir(env: Env): string {
  if (env.CLOUDSDK_CONFIG) return path.resolve(env.CLOUDSDK_CONFIG);
  return path.join(env.HOME || os.homedir(), '.config', 'gcloud');
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** INI sections → key/value maps, as Python's configparser reads gcloud's files (`#`/`;` comments). */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      continue;
    }
    const separator = line.search(/[=:]/);
    if (separator <= 0 || !current) continue;
    current.set(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
  }
  return sections;
}

export function activeConfigName(env: Env, dir = gcloudConfigDir(env)): string {
  const fromEnv = env.CLOUDSDK_ACTIVE_CONFIG_NAME?.trim();
  if (fromEnv) return fromEnv;
  return readText(path.join(dir, 'active_config'))?.trim() || 'default';
}

/** The active configuration's project, region and account; empty values count as unset. */
export function readActiveGcloudConfig(env: Env): GcloudConfig {
  const dir = gcloudConfigDir(env);
  const name = activeConfigName(env, dir);
  const file = path.join(dir, 'configurations', `config_${name}`);
  const text = readText(file);
  const config: GcloudConfig = {name, file};
  if (text === undefined) return config;
  const sections = parseIni(text);
  const value = (section: string, key: string) => sections.get(section)?.get(key) || undefined;
  const project = value('core', 'project');
  const region = value('ai', 'region');
  const account = value('core', 'account');
  return {
    ...config,
    ...(project && {project}),
    ...(region && {region}),
    ...(account && {account}),
  };
}
