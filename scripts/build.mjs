// Builds dist/cli.js (+ dist/chunks/): ESM bundles of the app with NODE_ENV=production (React's dev build
// leaks memory in long sessions). Everything the CLI runs is bundled, the official Google clients
// included, so the published package has no runtime dependencies to install (issue #22): the
// clients' protobuf descriptors are pruned to the RPCs the app calls (prune-descriptors.mjs), the
// .proto files the emulator serves are copied to dist/protos, and the licence notices of every
// bundled package go to dist/THIRD_PARTY_NOTICES.
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {build} from 'esbuild';
import {
  fastStringWidth,
  prunedClientDescriptors,
  synchronousYoga,
  withoutReactDevtools,
} from './esbuild-plugins.mjs';
import {copyEmulatorProtos} from './emulator-protos.mjs';
import {loadClientManifest} from './client-manifest.mjs';
import {thirdPartyNotices} from './third-party-notices.mjs';

// Chunk names carry content hashes; start clean so stale chunks never ship.
rmSync('dist', {recursive: true, force: true});

const result = await build({
  // vertex-worker runs the official Google clients in a worker thread (see source/vertex/api.ts).
  entryPoints: {
    cli: 'source/entry/cli.tsx',
    'vertex-worker': 'source/services/vertex/client-worker.ts',
  },
  outdir: 'dist',
  // Code splitting keeps each dynamic import() a separate chunk, so the first frame loads only
  // Ink and the wizard; the Google clients, gRPC, tar and the emulator load later, on the paths
  // that need them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  define: {'process.env.NODE_ENV': '"production"'},
  plugins: [
    withoutReactDevtools,
    synchronousYoga,
    fastStringWidth,
    prunedClientDescriptors(await loadClientManifest()),
  ],
  // Bundled CommonJS dependencies call require() and read __dirname/__filename (google-gax,
  // grpc-js); give the ESM bundle real ones (the chunk's own file and folder).
  banner: {
    js: [
      "import {createRequire as __vtrainCreateRequire} from 'node:module';",
      "import {fileURLToPath as __vtrainFileURLToPath} from 'node:url';",
      'const require=__vtrainCreateRequire(import.meta.url);',
      'const __filename=__vtrainFileURLToPath(import.meta.url);',
      "const __dirname=__filename.replace(/[\\\\/][^\\\\/]*$/,'');",
    ].join(''),
  },
  logLevel: 'warning',
});

copyEmulatorProtos('dist/protos');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
writeFileSync('dist/THIRD_PARTY_NOTICES', thirdPartyNotices(result.metafile, manifest.name));
