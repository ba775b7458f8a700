// `npm start` runs this first (the `prestart` script): it builds dist/ when it is missing or older
// than what it is built from, so `npm ci && npm start` works on a fresh clone and after a pull.
// The build is not an install script (`prepare`): a package with one makes npm 11 warn on every
// `npx vtrain-tui` install ("install scripts not yet covered by allowScripts"), and the published
// package has dist/ already. `npm pack` and `npm publish` build through `prepack`.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli.js');

/** The newest modification time of a file under `entry` (a file or a folder), 0 if none. */
function newest(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((latest, name) => Math.max(latest, newest(path.join(entry, name))), stat.mtimeMs);
}

const inputs = ['source', 'scripts', 'package.json', 'package-lock.json'];
const builtAt = newest(built);
const changedAt = Math.max(...inputs.map((entry) => newest(path.join(root, entry))));
if (builtAt === 0 || changedAt > builtAt) {
  process.stderr.write(
    builtAt === 0 ? 'building dist/ (first start)…\n' : 'building dist/ (sources changed)…\n',
  );
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
