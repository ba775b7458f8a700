// Frame time of the dashboard's replica table at 1,000 replicas (and, for comparison, all 1,000
// rows rendered at once, which the table never does). Bundles entry.tsx with esbuild.
// Usage: node bench/replicas/run.mjs [replicas=1000] [frames=300]. Prints JSON.
import path from 'node:path';
import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {
  fastStringWidth,
  synchronousYoga,
  withoutReactDevtools,
} from '../../scripts/esbuild-plugins.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const replicas = Number(process.argv[2] ?? 1000);
const frames = Number(process.argv[3] ?? 300);
const outdir = path.join(root, 'node_modules', '.cache', 'vtrain-bench');
await fs.mkdir(outdir, {recursive: true});
const outfile = path.join(outdir, 'replicas-bench.mjs');
await esbuild.build({
  entryPoints: [path.join(here, 'entry.tsx')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: {
    js: "import {createRequire as __vtrainCreateRequire} from 'node:module';const require=__vtrainCreateRequire(import.meta.url);",
  },
  // The app bundle's own settings: its string-width and Yoga replacements change frame times.
  plugins: [withoutReactDevtools, synchronousYoga, fastStringWidth],
  jsx: 'automatic',
  define: {'process.env.NODE_ENV': '"production"'},
  logLevel: 'error',
});
const {measure} = await import(outfile);
console.log(
  JSON.stringify(
    {
      windowed: measure(replicas, frames, 12),
      everyRow: measure(replicas, Math.min(frames, 30), replicas),
    },
    null,
    2,
  ),
);
