// Node's on-disk compile cache for the app's bundle (issue #22): Node 22.1+ has
// module.enableCompileCache(), which keeps V8's compiled code of every module loaded after the
// call, so a returning run skips most of the parse and compile of ~1 MB of chunks before its
// first frame. Node 20 has none: nothing happens there. The cache is per data folder, under its
// cache folder (<data folder>/cache/compile, beside the job list cache), private (0700), and only
// once the data folder exists: a command that opens no backend (`submit --dry-run`, `validate`)
// must create nothing, so the first run goes without a cache and the app makes the folder. Its
// files are code this process will run, so a folder that is not a plain directory owned by this
// user is not used. NODE_COMPILE_CACHE (set by the user) and NODE_DISABLE_COMPILE_CACHE win, as
// Node documents (https://nodejs.org/api/module.html#moduleenablecompilecachecachedir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The data folder as src/entry/environment.ts resolves it, with --data-dir taken from argv. */
export function dataDirOf(argv, env) {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  let dir;
  flags.forEach((arg, index) => {
    if (arg === '--data-dir' && flags[index + 1] !== undefined) dir = flags[index + 1];
    else if (arg.startsWith('--data-dir=')) dir = arg.slice('--data-dir='.length);
  });
  if (dir) return path.resolve(dir);
  if (env.VTRAIN_DATA_DIR) return path.resolve(env.VTRAIN_DATA_DIR);
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'vtrain-tui');
}

/**
 * A plain directory owned by this user, made (0700) if missing unless `mustExist`, else
 * undefined; with `tighten`, also made private (0700) if it was not.
 */
function ownFolder(dir, tighten, mustExist = false) {
  if (mustExist && !fs.existsSync(dir)) return undefined;
  fs.mkdirSync(dir, {recursive: true, mode: 0o700});
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory()) return undefined;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
  if (tighten && (stat.mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
  return dir;
}

/**
 * Turns on Node's compile cache when this Node has it (`moduleApi` is node:module). Returns the
 * folder used, or undefined (no API, the user's own NODE_COMPILE_CACHE, or an unusable folder).
 * Never throws: a cache is an optimisation, and the app must start without one.
 */
export function enableCompileCache(moduleApi, argv, env) {
  if (typeof moduleApi.enableCompileCache !== 'function') return undefined;
  if (env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    // The data folder is the user's (only checked); the cache folders are ours (kept 0700).
    const cache = path.join(dataDirOf(argv, env), 'cache');
    if (!ownFolder(path.dirname(cache), false, true) || !ownFolder(cache, true)) return undefined;
    const dir = ownFolder(path.join(cache, 'compile'), true);
    if (!dir) return undefined;
    moduleApi.enableCompileCache(dir);
    return dir;
  } catch {
    return undefined;
  }
}
