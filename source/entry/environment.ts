// Where things live and what the machine offers, resolved without spawning anything.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(): string {
  if (process.env.VTRAIN_DATA_DIR) return process.env.VTRAIN_DATA_DIR;
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'vtrain-tui');
}

// Shared with the emulator service, which checks its interpreter itself.
export {findExecutable} from '../emulator/contract/executables.js';
