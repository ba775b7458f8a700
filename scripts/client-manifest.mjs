// Loads source/services/vertex/client-manifest.ts (the RPCs the app calls) for the build scripts,
// which run on plain Node: esbuild strips its types.
import {Buffer} from 'node:buffer';
import {readFileSync} from 'node:fs';
import {transform} from 'esbuild';

const MANIFEST = new URL('../source/services/vertex/client-manifest.ts', import.meta.url);

/** @returns {Promise<ReadonlyArray<{package: string, services: Record<string, readonly string[]>}>>} */
export async function loadClientManifest() {
  const {code} = await transform(readFileSync(MANIFEST, 'utf8'), {loader: 'ts', format: 'esm'});
  const module = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  );
  return module.CLIENT_MANIFEST;
}
