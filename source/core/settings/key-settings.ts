// The settings file's `keys` section (user key overrides), read synchronously before the first
// frame so hints and help show the user's keys from the start. A missing or unreadable file means
// no overrides; the catalog loader reports a broken file.
import {readFileSync} from 'node:fs';

export function readKeyOverrides(settingsPath: string): unknown {
  try {
    const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as unknown;
    return typeof settings === 'object' && settings !== null
      ? (settings as {keys?: unknown}).keys
      : undefined;
  } catch {
    return undefined;
  }
}
