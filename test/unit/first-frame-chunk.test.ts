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

/**
 * Each screen's code is its own chunk (ui/app/screens.ts), loaded before the first frame only when
 * that frame shows it: the job list on a returning run, the wizard over it on a first run. Reached
 * from those, the rest must stay out: the other screens, and on the job list the wizard's domain
 * (validation, request builders, the YAML reader and writer).
 */
const SCREEN_FRAMES: Array<[string, string[], Array<[string, RegExp]>]> = [
  [
    'the job list (a returning run)',
    ['source/ui/screens/jobs/screen.tsx'],
    [
      ['yaml', /node_modules\/yaml\//],
      // start.tsx reads the last submitted job (prefill.ts, preset-file.ts) for `n`
      ['the wizard', /^source\/ui\/screens\/wizard\/(?!prefill\.ts$|preset-file\.ts$)/],
      ['the dashboard', /^source\/ui\/screens\/dashboard\//],
      ['the persistent resources', /^source\/ui\/screens\/resources\//],
      ['job validation', /^source\/core\/job-spec\/validate(?!-context)/],
      ['the job file reader and writer', /^source\/core\/job-spec\/(import|export|gcloud-command)/],
      ['the request builders', /^source\/core\/job-spec\/build-/],
    ],
  ],
  [
    // Step 1 (Where): the review, the validator and the job-file code load after the first frame
    // (wizard/lazy-code.ts), like the job list's.
    'the wizard (a first run)',
    ['source/ui/screens/jobs/screen.tsx', 'source/ui/screens/wizard/screen.tsx'],
    [
      ['the dashboard', /^source\/ui\/screens\/dashboard\//],
      ['the persistent resources', /^source\/ui\/screens\/resources\//],
      ['yaml', /node_modules\/yaml\//],
      ['job validation', /^source\/core\/job-spec\/validate(?!-context)/],
      ['the job file reader and writer', /^source\/core\/job-spec\/(import|export|gcloud-command)/],
      ['the request builders', /^source\/core\/job-spec\/(build-|create-request)/],
      [
        'the review step',
        /^source\/ui\/screens\/wizard\/(ReviewStep|review-text|use-review-step|job-files|submit-draft)/,
      ],
    ],
  ],
];

function loadedBy(metafile: Metafile, inputs: string[]): string[] {
  return [...staticClosure(metafile, inputs)].flatMap((file) =>
    Object.keys(metafile.outputs[file]!.inputs).map((input) => input.split(path.sep).join('/')),
  );
}

describe("the first frame's chunks", () => {
  let built: Metafile | undefined;
  const metafile = async (): Promise<Metafile> => {
    if (built) return built;
    const options = await buildOptions();
    built = (await build({...options, write: false, metafile: true, logLevel: 'silent'})).metafile;
    return built;
  };

  it.each(SCREEN_FRAMES)(
    'of %s load only that screen',
    {timeout: 180_000},
    async (_name, screens, excluded) => {
      const loaded = loadedBy(await metafile(), [...BEFORE_FIRST_FRAME, ...screens]);
      for (const screen of screens) expect(loaded).toContain(screen);
      const found = excluded.flatMap(([name, pattern]) => {
        const hit = loaded.find((input) => pattern.test(input));
        return hit ? [`${name}: ${hit}`] : [];
      });
      expect(found).toEqual([]);
    },
  );

  it('import none of the heavy modules statically', {timeout: 180_000}, async () => {
    const metafile_ = await metafile();
    const closure = staticClosure(metafile_, BEFORE_FIRST_FRAME);
    // Each source file above is in the build (a rename would make this test vacuous).
    const bundled = new Set(
      [...Object.values(metafile_.outputs)].flatMap((output) => Object.keys(output.inputs)),
    );
    expect(BEFORE_FIRST_FRAME.filter((input) => !bundled.has(input))).toEqual([]);
    const loaded = [...closure].flatMap((file) =>
      Object.keys(metafile_.outputs[file]!.inputs).map((input) => input.split(path.sep).join('/')),
    );
    expect(loaded).toContain('source/ui/app/start.tsx');
    const found = HEAVY.flatMap(([name, pattern]) => {
      const hit = loaded.find((input) => pattern.test(input));
      return hit ? [`${name}: ${hit}`] : [];
    });
    expect(found).toEqual([]);
  });
});
