// Bundles named exports of the TypeScript sources into one importable file for a bench script.
// It lives inside node_modules/.cache so the bundle's external imports resolve from the
// project's own packages.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** `exports`: export name → source file relative to the project root. */
export async function bundleSources(root, name, exports) {
  const outdir = path.join(root, 'node_modules', '.cache', 'vtrain-bench');
  const entry = path.join(outdir, `${name}-entry.ts`);
  await fs.mkdir(outdir, {recursive: true});
  await fs.writeFile(
    entry,
    Object.entries(exports)
      .map(([symbol, file]) => `export {${symbol}} from ${JSON.stringify(path.join(root, file))};`)
      .join('\n'),
  );
  const outfile = path.join(outdir, `${name}-bench.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return import(outfile);
}
