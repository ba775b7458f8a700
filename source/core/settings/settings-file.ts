// Where the user's settings live: $VTRAIN_SETTINGS, else the XDG config folder
// (~/.config/vtrain-tui/settings.json). Only read today (the catalog overrides under `catalog`).
import os from 'node:os';
import path from 'node:path';

export function settingsFile(): string {
  if (process.env.VTRAIN_SETTINGS) return path.resolve(process.env.VTRAIN_SETTINGS);
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'vtrain-tui', 'settings.json');
}
