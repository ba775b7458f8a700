// Whether the local emulator of a data folder holds any job, answered from its folder before the
// first frame (no service, no client): the app then opens on the job list; a first run, with no
// job yet, opens the wizard with the example ready to run. The layout is the service's
// (emulator/contract/paths.ts): one record file per job under emulator/jobs/.
import fs from 'node:fs';
import path from 'node:path';

export function hasLocalJobs(dataDir: string): boolean {
  try {
    const folder = fs.opendirSync(path.join(dataDir, 'emulator', 'jobs'));
    try {
      for (let entry = folder.readSync(); entry; entry = folder.readSync())
        if (entry.name.endsWith('.json')) return true;
      return false;
    } finally {
      folder.closeSync();
    }
  } catch {
    return false;
  }
}
