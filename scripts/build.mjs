// Builds dist/cli.js (+ dist/chunks/): ESM bundles of the app with NODE_ENV=production (React's dev build
// leaks memory in long sessions). The Google clients, gRPC and tar stay external packages that
// the app imports lazily after its first frame.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import {fastStringWidth, synchronousYoga, withoutReactDevtools} from './esbuild-plugins.mjs';

// Chunk names carry content hashes; start clean so stale chunks never ship.
rmSync('dist', {recursive: true, force: true});

await build({
  // vertex-worker runs the official Google clients in a worker thread (see source/vertex/api.ts).
  entryPoints: {
    cli: 'source/entry/cli.tsx',
    'vertex-worker': 'source/services/vertex/client-worker.ts',
  },
  outdir: 'dist',
  // Code splitting keeps each dynamic import() a separate chunk, so the first frame loads only
  // Ink and the wizard; gRPC, tar and the emulator load later, on the paths that need them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: {'process.env.NODE_ENV': '"production"'},
  external: ['@google-cloud/*', '@grpc/*', 'google-gax', 'tar'],
  plugins: [withoutReactDevtools, synchronousYoga, fastStringWidth],
  // Bundled CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: {
    js: "import {createRequire as __vtrainCreateRequire} from 'node:module';const require=__vtrainCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
