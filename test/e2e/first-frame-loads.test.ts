// What the built app really loads before its first frame (issue #22), watched at run time: the
// unit test first-frame-chunk.test.ts reads esbuild's static import graph, which cannot see a
// dynamic import() on the way to the first frame (backend resolution once imported the whole
// job-spec index, and with it `yaml`, the validation and the builders, for one table of regions).
// Here the built CLI runs in a real pty with a module-load hook that writes each file Node loads,
// and a preload that writes FRAME when the first frame reaches the terminal; each bundle chunk
// loaded before it is mapped back to its sources through the chunk's source map.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {spawn} from 'node-pty';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BIN} from '../helpers/pty-screen.js';
import {runCli} from '../helpers/service.js';
import {seedFinishedJob} from '../helpers/seed-job.js';

let work: string;
const dataDirs: string[] = [];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-first-frame-'));
  const log = path.join(work, 'loaded.txt');
  // Runs on Node's loader thread: one line per file, before the module evaluates.
  fs.writeFileSync(
    path.join(work, 'hooks.mjs'),
    `import fs from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:') || url.startsWith('node:'))
    fs.appendFileSync(${JSON.stringify(log)}, url + '\\n');
  return next(url, context);
}
`,
  );
  // On the main thread: registers the hook, and marks the first write that draws text.
  fs.writeFileSync(
    path.join(work, 'preload.mjs'),
    `import fs from 'node:fs';
import {register} from 'node:module';
register(${JSON.stringify(pathToFileURL(path.join(work, 'hooks.mjs')).href)});
const write = process.stdout.write.bind(process.stdout);
let marked = false;
process.stdout.write = (chunk, ...rest) => {
  const text = String(chunk).replace(/\\x1b\\[[0-9;?]*[A-Za-z]/g, '').trim();
  if (!marked && text.length > 20) {
    marked = true;
    fs.appendFileSync(${JSON.stringify(log)}, 'FRAME\\n');
  }
  return write(chunk, ...rest);
};
`,
  );
});

afterAll(async () => {
  for (const dataDir of dataDirs) await runCli(['emulator', 'stop', '--data-dir', dataDir]);
  fs.rmSync(work, {recursive: true, force: true});
});

/**
 * Runs the app until `frame` shows: the sources of every chunk loaded before its first frame, and
 * the Node built-in modules loaded by then.
 */
async function loadedBeforeFirstFrame(
  dataDir: string,
  frame: RegExp,
): Promise<{sources: string[]; builtins: string[]}> {
  const log = path.join(work, 'loaded.txt');
  fs.rmSync(log, {force: true});
  dataDirs.push(dataDir);
  const pty = spawn(
    process.execPath,
    ['--no-warnings', '--import', pathToFileURL(path.join(work, 'preload.mjs')).href, BIN],
    {
      name: 'xterm-256color',
      cols: 110,
      rows: 32,
      env: {...process.env, VTRAIN_DATA_DIR: dataDir, VTRAIN_BACKEND: 'local'} as Record<
        string,
        string
      >,
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no frame matching ${frame}: ${JSON.stringify(output.slice(-600))}`)),
      60_000,
    );
    pty.onData((data) => {
      output += data;
      if (frame.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  pty.write('\x03');
  await exited;
  const lines = fs.readFileSync(log, 'utf8').split('\n');
  const frameAt = lines.indexOf('FRAME');
  expect(frameAt).toBeGreaterThan(0);
  const dist = path.resolve(path.dirname(BIN), '..', 'dist');
  const builtins = lines.slice(0, frameAt).filter((line) => line.startsWith('node:'));
  const chunks = lines
    .slice(0, frameAt)
    .filter((line) => line.startsWith('file:'))
    .map((url) => new URL(url).pathname)
    .filter((file) => file.startsWith(dist + path.sep));
  // The build must be there and be the one loaded (else the check below would see nothing).
  expect(chunks.some((file) => /chunks[\\/]start-/.test(file))).toBe(true);
  const sources = chunks.flatMap((file) => {
    const map = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as {sources: string[]};
    // Sources are relative to the chunk; keep them from the repository (or node_modules) on.
    return map.sources.map((source) =>
      path
        .resolve(path.dirname(file), source)
        .split(path.sep)
        .join('/')
        .replace(/^.*?\/(node_modules\/|source\/)/, '$1'),
    );
  });
  return {sources, builtins};
}

/** Node built-ins no first frame needs (each costs milliseconds to load). */
const NEVER_BUILTINS = ['node:worker_threads', 'node:http2', 'node:zlib', 'node:http'];

/** What no first frame needs: each loads on the path that uses it. */
const NEVER: Array<[string, RegExp]> = [
  ['yaml', /^node_modules\/yaml\//],
  ['conf', /^node_modules\/(conf|ajv|ajv-formats|atomically)\//],
  [
    'the official Google clients',
    /^node_modules\/(@google-cloud|google-gax|google-auth-library)\//,
  ],
  ['gRPC and protobuf', /^node_modules\/(@grpc|protobufjs)\//],
  ['tar', /^node_modules\/tar\//],
  ['the emulator', /^source\/emulator\/(?!contract\/)/],
  ['job validation', /^source\/core\/job-spec\/validate(?!-context)/],
  ['the job file reader and writer', /^source\/core\/job-spec\/(import|export|gcloud-command)/],
  ['the request builders', /^source\/core\/job-spec\/(build-|create-request)/],
  ['the dashboard', /^source\/ui\/screens\/dashboard\//],
  ['the persistent resources', /^source\/ui\/screens\/resources\//],
];

function found(sources: string[], excluded: Array<[string, RegExp]>): string[] {
  return excluded.flatMap(([name, pattern]) => {
    const hit = sources.find((source) => pattern.test(source));
    return hit ? [`${name}: ${hit}`] : [];
  });
}

describe('what the built app loads before its first frame', () => {
  it('on a first run (the wizard)', {timeout: 120_000}, async () => {
    const {sources, builtins} = await loadedBeforeFirstFrame(
      fs.mkdtempSync(path.join(work, 'first-')),
      /step 1\/\d+/,
    );
    expect(builtins.filter((name) => NEVER_BUILTINS.includes(name))).toEqual([]);
    expect(sources).toContain('source/ui/screens/wizard/screen.tsx');
    expect(
      found(sources, [
        ...NEVER,
        ['the review step', /^source\/ui\/screens\/wizard\/(ReviewStep|review-text|job-files)/],
      ]),
    ).toEqual([]);
  });

  it('on a returning run (the job list)', {timeout: 120_000}, async () => {
    const dataDir = fs.mkdtempSync(path.join(work, 'returning-'));
    seedFinishedJob(dataDir, '4000000000000000001', 'first-frame-job');
    const {sources, builtins} = await loadedBeforeFirstFrame(dataDir, /first-frame-job/);
    expect(builtins.filter((name) => NEVER_BUILTINS.includes(name))).toEqual([]);
    expect(sources).toContain('source/ui/screens/jobs/screen.tsx');
    expect(
      found(sources, [
        ...NEVER,
        // start.tsx reads the last submitted job (prefill.ts, preset-file.ts) for `n`
        ['the wizard', /^source\/ui\/screens\/wizard\/(?!prefill\.ts$|preset-file\.ts$)/],
      ]),
    ).toEqual([]);
  });
});
