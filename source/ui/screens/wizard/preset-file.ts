// Where named presets live and what a name may be. Apart from job-files.ts (which writes them with
// the YAML and gcloud exporters) because start.tsx reads the last submitted job through prefill.ts
// before the first frame, which must not load the exporters (issue #22).
import path from 'node:path';

export const PRESET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function presetFile(settingsPath: string, name: string): string {
  return path.join(path.dirname(settingsPath), 'presets', `${name}.json`);
}
