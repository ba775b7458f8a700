// Builds dist/cli.js (+ dist/chunks/): ESM bundles of the app with NODE_ENV=production (React's dev build
// leaks memory in long sessions). Everything the CLI runs is bundled, the official Google clients
// included, so the published package has no runtime dependencies to install (issue #22): the
// clients' protobuf descriptors are pruned to the RPCs the app calls (prune-descriptors.mjs), the
// .proto files the emulator serves are copied to dist/protos, and the licence notices of every
// bundled package go to dist/THIRD_PARTY_NOTICES.
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {build} from 'esbuild';
import {buildOptions} from './build-options.mjs';
import {copyEmulatorProtos} from './emulator-protos.mjs';
import {thirdPartyNotices} from './third-party-notices.mjs';

// Chunk names carry content hashes; start clean so stale chunks never ship.
rmSync('dist', {recursive: true, force: true});

const result = await build(await buildOptions());
if (process.env.VTRAIN_METAFILE)
  writeFileSync(process.env.VTRAIN_METAFILE, JSON.stringify(result.metafile));

copyEmulatorProtos('dist/protos');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
writeFileSync('dist/THIRD_PARTY_NOTICES', thirdPartyNotices(result.metafile, manifest.name));
