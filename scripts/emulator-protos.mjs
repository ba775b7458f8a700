// Copies the .proto files the emulator serves from (source/emulator/rpc/protos.ts) out of the
// installed client packages into dist/protos/<package>/, because the published package no
// longer installs those packages (everything the CLI runs is bundled). Same files, byte for byte,
// so the emulator and the bundled clients still agree on the wire format by construction.
// v1beta1 is left out: the emulator serves v1 only.
import {copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of an installed package, found from its entry point (as protos.ts finds it). */
function packageRoot(name, from = require) {
  let dir = path.dirname(from.resolve(name));
  for (;;) {
    try {
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === name)
        return dir;
    } catch {
      // not this folder
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
}

/** Package → its build/protos folder; the keys are the folder names under dist/protos. */
export function protoSources() {
  const aiplatform = packageRoot('@google-cloud/aiplatform');
  const logging = packageRoot('@google-cloud/logging');
  return {
    '@google-cloud/aiplatform': aiplatform,
    '@google-cloud/logging-api': packageRoot(
      '@google-cloud/logging-api',
      createRequire(path.join(logging, 'x')),
    ),
    '@google-cloud/monitoring': packageRoot('@google-cloud/monitoring'),
    'google-gax': packageRoot('google-gax', createRequire(path.join(aiplatform, 'x'))),
  };
}

function copyTree(from, to, keep) {
  let count = 0;
  for (const entry of readdirSync(from, {withFileTypes: true})) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'v1beta1') continue;
      count += copyTree(source, path.join(to, entry.name), keep);
    } else if (keep(entry.name)) {
      mkdirSync(to, {recursive: true});
      copyFileSync(source, path.join(to, entry.name));
      count += 1;
    }
  }
  return count;
}

export function copyEmulatorProtos(target) {
  const copied = {};
  for (const [name, root] of Object.entries(protoSources())) {
    // google-gax's status.json: the google.rpc schema rpc-status.ts encodes error details with.
    const keep = (file) =>
      file.endsWith('.proto') || (name === 'google-gax' && file === 'status.json');
    copied[name] = copyTree(path.join(root, 'build', 'protos'), path.join(target, name), keep);
  }
  // The marker protos.ts looks for: the emulator reads these folders instead of the packages.
  writeFileSync(path.join(target, 'packages.json'), `${JSON.stringify(copied, null, 2)}\n`);
}
