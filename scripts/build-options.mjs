// The esbuild options of dist/ (scripts/build.mjs), shared with the test that checks what the
// first frame's chunks import (test/unit/first-frame-chunk.test.ts).
import {
  fastStringWidth,
  prunedClientDescriptors,
  synchronousYoga,
  withoutReactDevtools,
} from './esbuild-plugins.mjs';
import {loadClientManifest} from './client-manifest.mjs';

/** @returns {Promise<import('esbuild').BuildOptions>} */
export async function buildOptions() {
  return {
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
  };
}
