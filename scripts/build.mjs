// Builds dist/cli.js: one ESM bundle of the app with NODE_ENV=production (React's dev build
// leaks memory in long sessions). The Google clients, gRPC and tar stay external packages that
// the app imports lazily after its first frame.
import {build} from 'esbuild';

// Ink loads react-devtools-core only when DEV=true; the bundle ships a no-op in its place.
const withoutDevtools = {
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

await build({
  entryPoints: ['source/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: {'process.env.NODE_ENV': '"production"'},
  external: ['@google-cloud/*', '@grpc/*', 'google-gax', 'tar'],
  plugins: [withoutDevtools],
  // Bundled CommonJS dependencies call require(); give the ESM bundle a real one.
  banner: {
    js: "import {createRequire as __vtrainCreateRequire} from 'node:module';const require=__vtrainCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
