// Loads the gRPC service definitions the emulator serves from the .proto files that the installed
// official client packages ship, so the server and the clients can never disagree on the wire format.
import {createRequire} from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);

/** The folder of an installed package, found from its entry point (some packages hide package.json). */
function packageRoot(name: string, from: NodeJS.Require = require): string {
  let dir = path.dirname(from.resolve(name));
  while (!isPackageFolder(dir, name)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = parent;
  }
  return dir;
}

function isPackageFolder(dir: string, name: string): boolean {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name?: string;
    };
    return manifest.name === name;
  } catch {
    return false;
  }
}

/**
 * The folder dist/protos that the build fills with the .proto files of the packages below
 * (scripts/emulator-protos.mjs), found beside the bundle chunk running this code; undefined when
 * running from source, where the installed packages are read directly.
 */
function bundledProtoRoot(): string | undefined {
  let here: string;
  try {
    here = path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
  for (const candidate of [path.join(here, 'protos'), path.join(here, '..', 'protos')]) {
    if (fs.existsSync(path.join(candidate, 'packages.json'))) return candidate;
  }
  return undefined;
}

/**
 * The build/protos folder of an official client package (or google-gax): the installed one, or
 * its copy in dist/protos in the published package, which installs none of them.
 */
export function packageProtoDir(
  name:
    | '@google-cloud/aiplatform'
    | '@google-cloud/logging-api'
    | '@google-cloud/monitoring'
    | 'google-gax',
): string {
  const bundled = bundledProtoRoot();
  if (bundled) return path.join(bundled, name);
  switch (name) {
    case '@google-cloud/logging-api':
      return path.join(
        packageRoot(name, createRequire(path.join(packageRoot('@google-cloud/logging'), 'x'))),
        'build',
        'protos',
      );
    case 'google-gax':
      return path.join(
        packageRoot(name, createRequire(path.join(packageRoot('@google-cloud/aiplatform'), 'x'))),
        'build',
        'protos',
      );
    default:
      return path.join(packageRoot(name), 'build', 'protos');
  }
}

/** Folders holding the .proto trees of the clients (aiplatform, logging, gax commons, monitoring). */
export function protoIncludeDirs(): string[] {
  return [
    packageProtoDir('@google-cloud/aiplatform'),
    packageProtoDir('@google-cloud/logging-api'),
    packageProtoDir('google-gax'),
    packageProtoDir('@google-cloud/monitoring'),
  ];
}

const loaderOptions: protoLoader.Options = {
  // Field names stay snake_case on the wire object, as grpc-js hands them to handlers; the service
  // layer converts. Enums as names and longs as strings mirror what the Node clients expect.
  keepCase: false,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
};

export interface EmulatorProtos {
  jobService: grpc.ServiceDefinition;
  loggingService: grpc.ServiceDefinition;
  /** google.longrunning.Operations, which job_service.proto imports for DeleteCustomJob. */
  operationsService: grpc.ServiceDefinition;
  pipelineService: grpc.ServiceDefinition;
  datasetService: grpc.ServiceDefinition;
  persistentResourceService: grpc.ServiceDefinition;
  /** google.monitoring.v3.MetricService (ListTimeSeries: per-replica utilisation). */
  metricService: grpc.ServiceDefinition;
}

/** The .proto files whose services the emulator serves (gRPC, and REST through their annotations). */
export const EMULATOR_PROTO_FILES = [
  'google/cloud/aiplatform/v1/job_service.proto',
  'google/cloud/aiplatform/v1/pipeline_service.proto',
  'google/cloud/aiplatform/v1/dataset_service.proto',
  'google/cloud/aiplatform/v1/persistent_resource_service.proto',
  'google/logging/v2/logging.proto',
  'google/monitoring/v3/metric_service.proto',
];

/** The object shape grpc-js hands handlers and serialises from (proto-loader's conversion). */
export const HANDLER_OBJECT_OPTIONS: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: false,
  oneofs: false,
};

export function loadEmulatorProtos(): EmulatorProtos {
  const definition = protoLoader.loadSync(EMULATOR_PROTO_FILES, {
    ...loaderOptions,
    includeDirs: protoIncludeDirs(),
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    google: {
      cloud: {
        aiplatform: {
          v1: {
            JobService: grpc.ServiceClientConstructor;
            PipelineService: grpc.ServiceClientConstructor;
            DatasetService: grpc.ServiceClientConstructor;
            PersistentResourceService: grpc.ServiceClientConstructor;
          };
        };
      };
      logging: {v2: {LoggingServiceV2: grpc.ServiceClientConstructor}};
      monitoring: {v3: {MetricService: grpc.ServiceClientConstructor}};
      longrunning: {Operations: grpc.ServiceClientConstructor};
    };
  };
  return {
    jobService: pkg.google.cloud.aiplatform.v1.JobService.service,
    loggingService: pkg.google.logging.v2.LoggingServiceV2.service,
    operationsService: pkg.google.longrunning.Operations.service,
    pipelineService: pkg.google.cloud.aiplatform.v1.PipelineService.service,
    datasetService: pkg.google.cloud.aiplatform.v1.DatasetService.service,
    persistentResourceService: pkg.google.cloud.aiplatform.v1.PersistentResourceService.service,
    metricService: pkg.google.monitoring.v3.MetricService.service,
  };
}

/**
 * The same files as a protobufjs reflection tree, resolved the way proto-loader resolves them
 * (include folders, built-in well-known types, camelCase field names), so the REST surface sees
 * exactly the messages and the method options (google.api.http) that the gRPC server serves.
 */
export function loadEmulatorProtoRoot(
  files: readonly string[] = EMULATOR_PROTO_FILES,
): protobuf.Root {
  const includeDirs = protoIncludeDirs();
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    if (path.isAbsolute(target)) return target;
    for (const dir of includeDirs) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    return protobuf.util.path.resolve(origin, target);
  };
  root.loadSync([...files], {keepCase: false});
  root.resolveAll();
  return root;
}
