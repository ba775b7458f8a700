// What the app loads before its first frame (issue #22): the chunk of source/ui/app/start.tsx and
// those run-interactive.ts loads before it (backend resolution and the settings), with every chunk
// they import statically. Heavy modules that the first frame does not need are loaded by dynamic
// import() on the paths that use them; one turned into a static import would silently slow every
// start, so this test builds the bundle exactly as scripts/build.mjs does (nothing written) and
// reads esbuild's metafile: none of those modules may be in that static closure.
import path from 'node:path';
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {buildOptions} from '../../scripts/build-options.mjs';

/** Modules the first frame must not load (each only on the paths that need it). */
const HEAVY: Array<[string, RegExp]> = [
  // settings are read with JSON.parse; conf (with ajv) loads on the first write
  ['conf', /node_modules\/(conf|ajv|ajv-formats|atomically)\//],
  ['the official Google clients', /node_modules\/(@google-cloud|google-gax|google-auth-library)\//],
  ['gRPC and protobuf', /node_modules\/(@grpc|protobufjs)\//],
  ['tar', /node_modules\/tar\//],
  // (its contract/ folder is the part clients share: names and small checks)
  ['the emulator', /^source\/emulator\/(?!contract\/)/],
];

/** Source files whose chunks load before the first frame. */
const BEFORE_FIRST_FRAME = [
  'source/entry/cli.tsx',
  'source/services/backend/open-session.ts',
  'source/services/backend/resolve-backend.ts',
  'source/core/settings/user-settings.ts',
  'source/ui/app/start.tsx',
];

/** The output chunks holding `input`, and every chunk they import statically. */
function staticClosure(metafile: Metafile, inputs: string[]): Set<string> {
  const outputs = Object.entries(metafile.outputs);
  const stack = outputs
    .filter(([, output]) => inputs.some((input) => input in output.inputs))
    .map(([file]) => file);
  const seen = new Set<string>();
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of metafile.outputs[file]!.imports)
      if (imported.kind === 'import-statement' && !imported.external) stack.push(imported.path);
  }
  return seen;
}

describe("the first frame's chunks", () => {
  it('import none of the heavy modules statically', {timeout: 180_000}, async () => {
    const options = await buildOptions();
    const {metafile} = await build({...options, write: false, metafile: true, logLevel: 'silent'});
    const closure = staticClosure(metafile, BEFORE_FIRST_FRAME);
    // Each source file above is in the build (a rename would make this test vacuous).
    const bundled = new Set(
      [...Object.values(metafile.outputs)].flatMap((output) => Object.keys(output.inputs)),
    );
    expect(BEFORE_FIRST_FRAME.filter((input) => !bundled.has(input))).toEqual([]);
    const loaded = [...closure].flatMap((file) =>
      Object.keys(metafile.outputs[file]!.inputs).map((input) => input.split(path.sep).join('/')),
    );
    expect(loaded).toContain('source/ui/app/start.tsx');
    const found = HEAVY.flatMap(([name, pattern]) => {
      const hit = loaded.find((input) => pattern.test(input));
      return hit ? [`${name}: ${hit}`] : [];
    });
    expect(found).toEqual([]);
  });
});
