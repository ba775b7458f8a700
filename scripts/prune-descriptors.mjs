// Prunes a client package's protos.json (protobufjs JSON) to the services and RPCs the app calls
// (source/services/vertex/client-manifest.ts) and the types they reach. Why: every generated
// client hands its package's whole protos.json to google-gax, which builds protobufjs reflection
// objects, a gRPC package definition and descriptor protos for every type in it; for
// @google-cloud/aiplatform that is 4 MB of JSON, ~0.7 s and most of the API worker's memory
// (bench/README.md, "Where the clients' time and memory go").
//
// What the generated clients need from the JSON, and so what is kept:
// - the service, with the RPCs the app calls (the client's stub methods for other RPCs are only
//   created lazily and fail if called; the manifest test makes sure the app calls none);
// - each kept RPC's request and response types, and every type their fields reach;
// - the response and metadata types of every long-running RPC of a kept service, which the
//   client's constructor looks up whether or not the RPC is called (e.g. job_service_client.js:
//   `protoFilesRoot.lookup('.google.cloud.aiplatform.v1.DeleteOperationMetadata')`), named by
//   the `google.longrunning.operation_info` option (google/longrunning/operations.proto);
// - the namespaces that contain all of those, with their options.
// Extensions (e.g. google.api.http) are dropped: the options that use them are stored as plain
// strings in the JSON and nothing resolves them.
import protobuf from 'protobufjs';

const OPERATION_INFO = [
  '(google.longrunning.operation_info).response_type',
  '(google.longrunning.operation_info).metadata_type',
];

/** The names of the types, enums and RPCs to keep, or a list of what the package lacks. */
function reachable(json, services) {
  const root = protobuf.Root.fromJSON(json);
  root.resolveAll();
  const types = new Set();
  const methods = new Map();
  const missing = [];
  const addType = (type) => {
    if (!type || types.has(type.fullName)) return;
    types.add(type.fullName);
    // A nested type lives in its parent message, which comes whole (with its own fields).
    if (type.parent instanceof protobuf.Type) addType(type.parent);
    if (!(type instanceof protobuf.Type)) return;
    for (const field of type.fieldsArray) addType(field.resolve().resolvedType);
  };
  for (const [serviceName, wanted] of Object.entries(services)) {
    const service = root.lookup(serviceName);
    if (!(service instanceof protobuf.Service)) {
      missing.push(`service ${serviceName}`);
      continue;
    }
    methods.set(service.fullName, new Set(wanted));
    for (const name of wanted) {
      const method = service.methods[name];
      if (!method) {
        missing.push(`${serviceName}.${name}`);
        continue;
      }
      method.resolve();
      addType(method.resolvedRequestType);
      addType(method.resolvedResponseType);
    }
    for (const method of service.methodsArray) {
      for (const option of OPERATION_INFO) {
        const typeName = method.options?.[option];
        if (!typeName) continue;
        const type = service.lookup(typeName);
        if (!type) missing.push(`${serviceName}.${method.name} ${option} ${typeName}`);
        addType(type);
      }
    }
  }
  return {types, methods, missing};
}

/** A copy of `nested` holding only what `keep` says, paths as protobufjs full names ('.a.b'). */
function filterNested(nested, prefix, keep) {
  const out = {};
  for (const [name, entry] of Object.entries(nested ?? {})) {
    const fullName = `${prefix}.${name}`;
    if (entry.methods) {
      const wanted = keep.methods.get(fullName);
      if (!wanted) continue;
      const methods = Object.fromEntries(
        Object.entries(entry.methods).filter(([method]) => wanted.has(method)),
      );
      out[name] = {...entry, methods};
    } else if (entry.fields || entry.values) {
      if (!keep.types.has(fullName)) continue;
      const children = filterNested(entry.nested, fullName, keep);
      const rest = {...entry};
      delete rest.nested;
      out[name] = Object.keys(children).length ? {...rest, nested: children} : rest;
    } else if (entry.nested) {
      const children = filterNested(entry.nested, fullName, keep);
      if (Object.keys(children).length) out[name] = {...entry, nested: children};
    }
    // Anything else (extension fields) is dropped.
  }
  return out;
}

/**
 * protos.json pruned to `services` (fully-qualified service name → RPC names). Throws, naming
 * them, when a service, an RPC or a long-running type is not in the JSON: a package update that
 * renamed something must fail the build, not the app.
 */
export function pruneDescriptors(json, services) {
  const keep = reachable(json, services);
  if (keep.missing.length)
    throw new Error(`prune-descriptors: not in protos.json: ${keep.missing.join(', ')}`);
  return {...json, nested: filterNested(json.nested, '', keep)};
}
