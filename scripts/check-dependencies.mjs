// `npm run lint:deps`: checks source/ against the layering rule in .dependency-cruiser.mjs
// (forbidden imports, runtime import cycles between files), then two things dependency-cruiser
// does not check on its own: runtime import cycles between folders, and the size of files.
// Exits 1 naming every offending file. Runs on ./source of the working directory.
import {readFileSync} from 'node:fs';
import {cruise, format} from 'dependency-cruiser';
import config from '../.dependency-cruiser.mjs';

const MAX_LINES = 600;
const result = await cruise(['source'], {
  ...config.options,
  ruleSet: {forbidden: config.forbidden},
  validate: true,
});
const output = result.output;
let failed = false;

if (output.summary.error > 0) {
  failed = true;
  process.stderr.write((await format(output, {outputType: 'err'})).output);
}

// A module's folder: source/<layer>/<folder>, or source/<layer> for a file at the layer's top;
// a screen is a folder of its own (source/ui/screens/<screen>).
function folderOf(path) {
  const parts = path.split('/');
  const depth = parts[1] === 'ui' && parts[2] === 'screens' ? 4 : 3;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/');
}
const nested = (a, b) => a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
const edges = new Map();
for (const module of output.modules) {
  const from = folderOf(module.source);
  for (const dependency of module.dependencies) {
    if (dependency.couldNotResolve || !dependency.resolved.startsWith('source/')) continue;
    if (dependency.dependencyTypes.includes('type-only')) continue;
    const to = folderOf(dependency.resolved);
    // A folder and its own subfolders share helpers both ways (entry/ and entry/commands/).
    if (from === to || nested(from, to)) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to))
      edges.get(from).set(to, `${module.source} → ${dependency.resolved}`);
  }
}
// Tarjan's strongly connected components: any component of two or more folders is a cycle.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(folder) {
  order.set(folder, index);
  low.set(folder, index);
  index += 1;
  stack.push(folder);
  onStack.add(folder);
  for (const next of edges.get(folder)?.keys() ?? []) {
    if (!order.has(next)) {
      connect(next);
      low.set(folder, Math.min(low.get(folder), low.get(next)));
    } else if (onStack.has(next)) low.set(folder, Math.min(low.get(folder), order.get(next)));
  }
  if (low.get(folder) !== order.get(folder)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== folder);
  if (component.length > 1) cycles.push(component);
}
for (const folder of edges.keys()) if (!order.has(folder)) connect(folder);
for (const component of cycles) {
  failed = true;
  process.stderr.write(`\nerror folder-cycle: ${component.join(', ')} import each other:\n`);
  for (const from of component)
    for (const [to, example] of edges.get(from) ?? [])
      if (component.includes(to)) process.stderr.write(`    ${example}\n`);
}

for (const module of output.modules) {
  if (!module.source.startsWith('source/')) continue;
  const lines = readFileSync(module.source, 'utf8').split('\n').length - 1;
  if (lines > MAX_LINES) {
    failed = true;
    process.stderr.write(
      `\nerror file-size: ${module.source} has ${lines} lines (at most ${MAX_LINES}): split it by what its parts do\n`,
    );
  }
}

if (failed) process.exitCode = 1;
else
  process.stdout.write(
    `dependencies: ${output.summary.totalCruised} modules, no forbidden import, no cycle, no file over ${MAX_LINES} lines\n`,
  );
