// Stages a local Python package folder as a source archive at exactly the gs:// URI given, in the
// emulator's bucket folder. Tests use it to place packages where a request names them; the app
// stages through services/backend/stage-packages.ts (content-hashed names, bucket checks, Cloud Storage).
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import {localObjectPath} from '../../core/job-spec/index.js';

const SKIP = new Set(['__pycache__', '.git', 'build', 'dist', '.venv', 'node_modules']);

export async function stagePackageLocally(
  folder: string,
  uri: string,
  bucketRoot: string,
): Promise<void> {
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new Error(`the package folder ${folder} does not exist`);
  const target = localObjectPath(bucketRoot, uri);
  // Owner-only, as the emulator refuses to run code from folders other users can write.
  await fs.mkdir(path.dirname(target), {recursive: true, mode: 0o700});
  const prefix = path.basename(uri).replace(/\.tar\.gz$/, '');
  const temporary = `${target}.${process.pid}.tmp`;
  await tar.create(
    {
      gzip: true,
      file: temporary,
      cwd: folder,
      prefix,
      portable: true,
      filter: (entry) =>
        !entry.split('/').some((part) => SKIP.has(part) || part.endsWith('.egg-info')),
    },
    ['.'],
  );
  await fs.chmod(temporary, 0o600);
  // Rename is atomic, so the emulator never sees a half-written archive.
  await fs.rename(temporary, target);
}
