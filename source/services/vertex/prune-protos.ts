// @google-cloud/aiplatform ships one protos.json holding both v1 and v1beta1, and every client
// turns all of it into reflection objects and a gRPC package definition. The app speaks v1 only,
// so v1beta1 is dropped from the module-cached JSON before the first client loads it (each client
// module requires that same cached object): about 33 MB less resident memory in the API worker,
// measured with the three clients the app creates. A layout this does not recognise is left as is.
// Since issue #22 this serves only createClients (the emulator tests' full clients): the app's
// bundle carries descriptors pruned at build time (scripts/prune-descriptors.mjs).
import {createRequire} from 'node:module';

interface ProtoNamespace {
  nested?: Record<string, ProtoNamespace>;
}

export function dropUnusedAiplatformVersions(): boolean {
  const require = createRequire(import.meta.url);
  let root: ProtoNamespace;
  try {
    root = require('@google-cloud/aiplatform/build/protos/protos.json') as ProtoNamespace;
  } catch {
    return false;
  }
  const versions = root.nested?.google?.nested?.cloud?.nested?.aiplatform?.nested;
  if (!versions?.v1 || !versions.v1beta1) return false;
  delete versions.v1beta1;
  return true;
}
