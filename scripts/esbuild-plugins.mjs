// esbuild plugins that shape the CLI bundle for a fast first frame.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {pruneDescriptors} from './prune-descriptors.mjs';

const WASM_DATA_URI = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/;

/** Ink loads react-devtools-core only when DEV=true; the bundle ships a no-op in its place. */
export const withoutReactDevtools = {
  name: 'without-react-devtools',
  setup(builder) {
    builder.onResolve({filter: /^react-devtools-core$/}, () => ({
      path: 'devtools',
      namespace: 'stub',
    }));
    builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({
      contents: 'export default {initialize() {}, connectToDevTools() {}};',
      loader: 'js',
    }));
  },
};

/**
 * yoga-layout (Ink's layout engine) instantiates its WebAssembly through fetch() of a data: URI,
 * which loads undici and compiles asynchronously: ~70 ms before Ink can draw on a 2-core box.
 * The module is 70 KB, so compiling it synchronously takes a few milliseconds. This plugin moves
 * the base64 out of the Emscripten loader into yoga's entry module, which hands the loader a
 * ready instance through its documented `instantiateWasm` hook. Same bytes, same API.
 */
/** The Emscripten loader's source and the base64 wasm embedded in it. */
function readEmbeddedWasm(path) {
  const source = readFileSync(path, 'utf8');
  const match = WASM_DATA_URI.exec(source);
  if (!match) throw new Error(`synchronous-yoga: no embedded wasm found in ${path}`);
  return {source, base64: match[1]};
}

export const synchronousYoga = {
  name: 'synchronous-yoga',
  setup(builder) {
    const binaries = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
    const entry = /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/;
    builder.onLoad({filter: binaries}, ({path}) => {
      const {source, base64} = readEmbeddedWasm(path);
      return {contents: source.replace(base64, ''), loader: 'js'};
    });
    builder.onLoad({filter: entry}, ({path}) => {
      const {base64} = readEmbeddedWasm(
        path.replace(/src[\\/]index\.js$/, 'binaries/yoga-wasm-base64-esm.js'),
      );
      return {
        loader: 'js',
        contents: `
import loadYoga from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
const wasmModule = new WebAssembly.Module(Buffer.from(${JSON.stringify(base64)}, 'base64'));
const Yoga = wrapAssembly(await loadYoga({
  instantiateWasm(imports, receiveInstance) {
    const instance = new WebAssembly.Instance(wasmModule, imports);
    receiveInstance(instance, wasmModule);
    return instance.exports;
  },
}));
export default Yoga;
export * from './generated/YGEnums.js';
`,
      };
    });
  },
};

/**
 * Every `string-width` import in the bundle (Ink, wrap-ansi, cli-truncate, widest-line) resolves
 * to source/app/terminal-text-width.ts: same widths, none of string-width's ~100 ms of regex
 * building at start-up. Its unit test compares the two over every code point of planes 0-1.
 */
export const fastStringWidth = {
  name: 'fast-string-width',
  setup(builder) {
    const replacement = fileURLToPath(
      new URL('../source/core/text/terminal-text-width.ts', import.meta.url),
    );
    builder.onResolve({filter: /^string-width$/}, () => ({path: replacement}));
  },
};

/**
 * Each official client package's build/protos/protos.json, as the bundle carries it: pruned to the
 * services and RPCs the app calls (source/services/vertex/client-manifest.ts), see
 * prune-descriptors.mjs. The generated clients `require("../../protos/protos.json")`, so this is
 * the only descriptor they see. A package not in the manifest keeps its JSON whole.
 */
export function prunedClientDescriptors(manifest) {
  const byPackage = new Map(manifest.map((entry) => [entry.package, entry.services]));
  return {
    name: 'pruned-client-descriptors',
    setup(builder) {
      builder.onLoad({filter: /[\\/]build[\\/]protos[\\/]protos\.json$/}, ({path}) => {
        const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]build[\\/]protos/.exec(
          path,
        );
        const services = match && byPackage.get(match[1].replace(/\\/g, '/'));
        if (!services) return undefined;
        const pruned = pruneDescriptors(JSON.parse(readFileSync(path, 'utf8')), services);
        // JSON.parse of a string literal parses faster than the same data as a JS object literal.
        return {
          loader: 'js',
          contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(pruned))});`,
        };
      });
    },
  };
}
