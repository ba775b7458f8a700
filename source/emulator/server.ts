// The local Vertex AI emulator: a gRPC server on loopback serving JobService,
// google.longrunning.Operations and LoggingServiceV2 from the official .proto files, with every
// call checked for the owner's key, then passed through the (test-only) fault injector. The same
// handler objects are served over HTTP/JSON (rest/), transcoded from the protos' annotations.
import net from 'node:net';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {checkKey} from './rpc/auth.js';
import {FaultInjector, checkFaultConfig, parseFaultConfig, type FaultConfig} from './rpc/faults.js';
import {failStream, toServiceError} from './rpc/grpc-errors.js';
import {JobRunner, type RunnerOptions} from './custom-job/job-runner.js';
import {jobServiceHandlers} from './custom-job/job-service.js';
import type {LogRetention} from './logging/log-store.js';
import {loggingServiceHandlers, withFastLogEncoding} from './logging/logging-service.js';
import {OperationStore} from './rpc/operations.js';
import {loadEmulatorProtoRoot, loadEmulatorProtos} from './rpc/protos.js';
import {startRestServer, type RestRouteSummary} from './rest/rest-server.js';
import type {ServedService, UnaryHandler} from './rest/routes.js';
import {ActivityTracker, type EmulatorActivity} from './service/activity.js';
import type {RecoveryReport} from './custom-job/recovery.js';
import {openEmulatorState} from './service/state.js';
import {startTlsOAuthMode, type TlsOAuthOptions} from './rpc/tls-oauth.js';
import {storageEndpoint, storageToken} from './contract/storage-access.js';
import {ObjectStore} from './storage/object-store.js';
import type {TuningRecord} from './study/tuning-record.js';
import {TuningRunner} from './study/tuning-runner.js';
import {recoverTuningJobs, tuningServiceHandlers} from './study/tuning-service.js';
import {RecordStore} from './records/record-store.js';
import type {DatasetRecord} from './dataset/dataset-record.js';
import {datasetServiceHandlers} from './dataset/dataset-service.js';
import type {PipelineRecord} from './pipeline/pipeline-record.js';
import {PipelineRunner} from './pipeline/pipeline-runner.js';
import {pipelineServiceHandlers, recoverPipelines} from './pipeline/pipeline-service.js';
import {refusedRecorder} from './pipeline/refused-requests.js';
import {splitExporter} from './pipeline/split-export.js';
import {startStorageServer} from './storage/storage-server.js';
import type {DiskSpace} from './records/disk-space.js';
import {diskFullMessage} from './contract/disk-full.js';
import {UsageSampler} from './monitoring/usage-sampler.js';
import {containerPid} from './custom-job/container-runtime.js';
import {loadCatalog} from '../core/settings/catalog-overrides.js';
import {settingsFile} from '../core/settings/settings-file.js';
import {metricServiceHandlers} from './monitoring/metric-service.js';
import type {PersistentResourceRecord} from './persistent-resource/resource-record.js';
import {persistentResourceServiceHandlers} from './persistent-resource/resource-service.js';
import {checkPersistentPlacement} from './persistent-resource/placement.js';
import {logServiceLine} from './service/service-log.js';

export interface EmulatorOptions extends RunnerOptions {
  key: string;
  /** 0 picks a free port. */
  port: number;
  /** Port of the Cloud Storage JSON API; 0 (the default) picks a free one. */
  storagePort?: number;
  /** When `storagePort` is taken, listen on a free one instead of failing (a remembered port). */
  storagePortFallback?: boolean;
  /** The Storage path token (storage-access.ts); derived from the key when absent. */
  storageToken?: string;
  /** Port of the HTTP/JSON surface; 0 (the default) picks a free one. */
  restPort?: number;
  /** Take a free port when `restPort` is busy (it was only a preference, e.g. the last one used). */
  restPortFallback?: boolean;
  /** Log retention limits (defaults: DEFAULT_LOG_RETENTION). */
  retention?: LogRetention;
  /** Test-only fault injection; defaults to VTRAIN_EMULATOR_FAULTS (JSON), else none. */
  faults?: FaultConfig;
  /** Test-only TLS + OAuth mode (tls-oauth.ts); defaults to VTRAIN_EMULATOR_TLS_DIR, else off. */
  tlsOAuth?: TlsOAuthOptions;
  /** How often replicas' processes are sampled for MetricService (ms; default 5000). */
  usageSampleMs?: number;
  /** The service log (default: a timestamped line on standard error, service/service-log.ts). */
  log?: (message: string) => void;
}

export interface RunningEmulator {
  port: number;
  address: string;
  /** Where the Cloud Storage JSON API listens (127.0.0.1). */
  storagePort: number;
  /** Its path token (storage-access.ts). */
  storageToken: string;
  /** The HTTP/JSON surface (gcloud, curl), on 127.0.0.1 too. */
  restPort: number;
  /** Every HTTP binding it serves, derived from the protos. */
  restRoutes: RestRouteSummary[];
  stop(): Promise<void>;
  /** Kills every replica at once and flushes logs; for process-exit paths that cannot wait. */
  killReplicasNow(): void;
  /** For the idle timer of the background service. */
  activity(): EmulatorActivity;
  /** Jobs a previous, crashed service left running, now FAILED. */
  recovery: RecoveryReport;
  /** Set in TLS + OAuth mode: what clients need to trust and authenticate. */
  tls?: {caFile: string; credentialsFile: string; tokenUrl: string};
}

/** A port asked for explicitly is taken by another program. */
export class PortInUseError extends Error {
  constructor(port: number, what: string, flag: string) {
    super(
      `port ${port} on 127.0.0.1 is already in use, so the ${what} cannot listen there; free it, pass another ${flag}, or leave ${flag} out to use a free port.`,
    );
  }
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Create calls are refused while the data folder's disk is full (RESOURCE_EXHAUSTED,
 * records/disk-space.ts), on gRPC and REST alike: a new job could neither be recorded nor log.
 */
function refusingWhenFull(
  disk: DiskSpace,
  handlers: Record<string, UnaryHandler>,
): Record<string, UnaryHandler> {
  const guarded: Record<string, UnaryHandler> = {};
  for (const [name, handler] of Object.entries(handlers))
    guarded[name] = /^create/i.test(name)
      ? (request, metadata) => {
          disk.refuseIfFull();
          return handler(request, metadata);
        }
      : handler;
  return guarded;
}

/** Wraps plain request → response functions as authenticated gRPC unary handlers. */
function unary(
  authorize: (metadata: grpc.Metadata) => void,
  faults: FaultInjector,
  handlers: Record<string, UnaryHandler>,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = ((
      call: grpc.ServerUnaryCall<never, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      Promise.resolve()
        .then(() => {
          authorize(call.metadata);
          return faults.beforeCall(name);
        })
        .then(() => handler(call.request, call.metadata))
        .then(
          (response) => callback(null, faults.afterCall(name, response)),
          (error: unknown) => callback(toServiceError(error)),
        );
    }) as unknown as grpc.UntypedHandleCall;
  }
  return wrapped;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const loaded = loadEmulatorProtos();
  const protos = {...loaded, loggingService: withFastLogEncoding(loaded.loggingService)};
  const faults = new FaultInjector(
    options.faults
      ? checkFaultConfig(options.faults)
      : parseFaultConfig(process.env.VTRAIN_EMULATOR_FAULTS),
  );
  faults.checkMethods(
    [
      protos.jobService,
      protos.pipelineService,
      protos.datasetService,
      protos.persistentResourceService,
      protos.operationsService,
      protos.loggingService,
      protos.metricService,
    ].flatMap((service) => Object.keys(service)),
  );
  const state = openEmulatorState(options.dataDir, options.retention);
  const {store, logs, disk} = state;
  const log = options.log ?? logServiceLine;
  const operations = new OperationStore();
  const activity = new ActivityTracker(options.key, store);
  const objects = new ObjectStore(state.paths.buckets, state.paths.objects);
  const startStorage = (port: number) =>
    startStorageServer({
      key: options.key,
      ...(options.storageToken && {token: options.storageToken}),
      port,
      projectNumber: options.projectNumber,
      store: objects,
      disk,
      onRequest: () => activity.touch(),
    });
  const requestedStoragePort = options.storagePort ?? 0;
  const storage = await startStorage(requestedStoragePort)
    .catch((error: NodeJS.ErrnoException) => {
      if (options.storagePortFallback && requestedStoragePort !== 0 && error.code === 'EADDRINUSE')
        return startStorage(0);
      throw error;
    })
    .catch((error: unknown) => {
      logs.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new PortInUseError(requestedStoragePort, 'Cloud Storage API', '--storage-port');
      throw error;
    });
  const tuningStore = RecordStore.open<TuningRecord>(state.paths.tuningJobs, {disk});
  const lostTuningJobs = recoverTuningJobs(tuningStore);
  const usage = new UsageSampler(options.usageSampleMs);
  // Utilisation is a fraction of the machine type as the user's catalog sizes it (settings
  // `catalog.machineTypes`, the same file the app reads); a broken file keeps the built-in list.
  void loadCatalog(settingsFile())
    .then(({catalog}) => usage.setMachineTypes(catalog.machineTypes))
    .catch(() => undefined);
  const runner = new JobRunner(
    {
      ...options,
      faults: faults.config,
      onReplicaStarted: (job, replica, pid, container) => {
        state.onReplicaStarted(job, replica, pid);
        const pool = Number(/^workerpool(\d+)-/.exec(replica)?.[1] ?? 0);
        const machineType = job.jobSpec.workerPoolSpecs?.[pool]?.machineSpec?.machineType ?? '';
        usage.track({
          jobName: job.name,
          replica,
          pid,
          machineType,
          // A container's processes hang under the engine's monitor, not the `run` client.
          ...(container && {
            containerPid: () => containerPid(container.engine, container.name, container.env),
          }),
        });
      },
      storageHost: storageEndpoint({
        storagePort: storage.port,
        key: options.key,
        ...(options.storageToken && {storageToken: options.storageToken}),
      }),
    },
    logs,
    (job) => {
      store.put(job);
      // Trial jobs move their study along, backing jobs their pipeline (the runner changes no
      // job before these exist).
      tuning.onCustomJobChange(job);
      pipelines.onBackingChange(job);
    },
  );
  // Containers of jobs a crashed run left behind are removed (their engine kept them running).
  if (state.recovery.settledJobs.length > 0) void runner.cleanLeftoverContainers();
  const tuning = new TuningRunner(
    tuningStore,
    store,
    runner,
    logs,
    options.dataDir,
    (job) => pipelines.onBackingChange(job),
    log,
  );
  const pipelineStore = RecordStore.open<PipelineRecord>(state.paths.pipelines, {disk});
  recoverPipelines(pipelineStore);
  const pipelines = new PipelineRunner(pipelineStore, store, runner, tuningStore, tuning);
  const datasetStore = RecordStore.open<DatasetRecord>(state.paths.datasets, {disk});
  const resourceStore = RecordStore.open<PersistentResourceRecord>(
    state.paths.persistentResources,
    {disk},
  );
  // A job whose logs cannot be written is failed (RESOURCE_EXHAUSTED, as google.rpc.Code names a
  // full file system) rather than left running with its output lost.
  logs.onWriteFailed((jobIds, error) => {
    if (!disk.noteWriteError(error)) return;
    for (const id of jobIds)
      runner.failRunning(
        id,
        8,
        `The emulator could not write this job's logs and stopped it: ${diskFullMessage(options.dataDir)}`,
      );
  });
  const server = new grpc.Server({interceptors: [activity.interceptor]});
  const tlsOptions =
    options.tlsOAuth ??
    (process.env.VTRAIN_EMULATOR_TLS_DIR ? {dir: process.env.VTRAIN_EMULATOR_TLS_DIR} : undefined);
  const tls = tlsOptions ? await startTlsOAuthMode(tlsOptions) : undefined;
  const key = options.key;
  // Only the owner may call: their key, or in TLS mode a token the owner's credentials obtained.
  const authorize = tls
    ? (metadata: grpc.Metadata) => tls.checkBearer(metadata)
    : (metadata: grpc.Metadata) => checkKey(metadata, options.key);

  const late = faults.config.lateLogEntries;
  if (late)
    logs.delayIngestion((record) =>
      record.resource.labels.task_name === late.replica ? late.ms : 0,
    );
  const logging = loggingServiceHandlers(logs, faults.config);
  // Every unary service, registered once: gRPC and REST both dispatch to these handler objects,
  // keyed by proto method name, so the two surfaces cannot drift apart.
  const services: ServedService[] = [
    {
      definition: protos.jobService,
      handlers: {
        ...jobServiceHandlers(
          store,
          runner,
          operations,
          (parent, job) =>
            checkPersistentPlacement(resourceStore.list(), store.list(), parent, job),
          log,
        ),
        ...tuningServiceHandlers(tuningStore, store, runner, tuning, operations, log),
      } as Record<string, UnaryHandler>,
    },
    {
      definition: protos.pipelineService,
      handlers: pipelineServiceHandlers(
        pipelineStore,
        pipelines,
        operations,
        splitExporter(datasetStore, state.paths.buckets),
        refusedRecorder(path.join(state.paths.root, 'refused')),
        log,
      ) as Record<string, UnaryHandler>,
    },
    {
      definition: protos.datasetService,
      handlers: datasetServiceHandlers(datasetStore, operations, state.paths.buckets, (message) =>
        (
          protos.datasetService.GetDataset as grpc.MethodDefinition<unknown, unknown>
        ).responseSerialize(message),
      ) as Record<string, UnaryHandler>,
    },
    {
      definition: protos.persistentResourceService,
      handlers: persistentResourceServiceHandlers(resourceStore, store, operations, (message) =>
        (
          protos.persistentResourceService.GetPersistentResource as grpc.MethodDefinition<
            unknown,
            unknown
          >
        ).responseSerialize(message),
      ) as Record<string, UnaryHandler>,
    },
    {
      definition: protos.operationsService,
      handlers: operations.handlers() as Record<string, UnaryHandler>,
    },
    {
      definition: protos.loggingService,
      handlers: {listLogEntries: logging.listLogEntries} as Record<string, UnaryHandler>,
    },
    {
      definition: protos.metricService,
      handlers: metricServiceHandlers(() => usage.allSeries()) as Record<string, UnaryHandler>,
    },
  ];
  // Streaming methods have no HTTP/JSON form; they are added to the gRPC services only.
  const streaming = new Map<grpc.ServiceDefinition, grpc.UntypedServiceImplementation>([
    [protos.loggingService, {tailLogEntries: tailLogEntries()}],
  ]);
  for (const service of services) service.handlers = refusingWhenFull(disk, service.handlers);
  for (const {definition, handlers} of services) {
    server.addService(definition, {
      ...unary(authorize, faults, handlers),
      ...streaming.get(definition),
    });
  }

  function tailLogEntries(): grpc.UntypedHandleCall {
    return ((call: grpc.ServerDuplexStream<never, unknown>) => {
      Promise.resolve()
        .then(() => {
          authorize(call.metadata);
          return faults.beforeCall('TailLogEntries');
        })
        .then(
          () => logging.tailLogEntries(call),
          (error: unknown) => failStream(call, error),
        );
    }) as unknown as grpc.UntypedHandleCall;
  }

  // grpc-js prints its own log line for a taken port; look first so the user sees one clear line.
  if (options.port !== 0 && !(await portIsFree(options.port))) {
    await storage.stop();
    logs.close();
    throw new PortInUseError(options.port, 'emulator (gRPC)', '--port');
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${options.port}`,
      tls?.serverCredentials ?? grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  ).catch(async (error: unknown) => {
    await storage.stop();
    logs.close();
    // grpc-js reports a taken port as "No address added out of total 1 resolved".
    if (options.port !== 0 && /EADDRINUSE|No address added/i.test(String(error)))
      throw new PortInUseError(options.port, 'emulator (gRPC)', '--port');
    throw error;
  });

  const rest = await startRestServer({
    root: loadEmulatorProtoRoot(),
    services,
    key,
    port: options.restPort ?? 0,
    portFallback: options.restPortFallback ?? false,
    faults,
    onCall: activity.track,
  }).catch(async (error: unknown) => {
    server.forceShutdown();
    await storage.stop();
    logs.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(options.restPort ?? 0, 'HTTP/JSON (gcloud) API', '--rest-port');
    throw error;
  });

  tls?.publish(port);
  return {
    port,
    address: `127.0.0.1:${port}`,
    ...(tls && {
      tls: {caFile: tls.caFile, credentialsFile: tls.credentialsFile, tokenUrl: tls.tokenUrl},
    }),
    storagePort: storage.port,
    storageToken: options.storageToken || storageToken(options.key),
    restPort: rest.port,
    restRoutes: rest.routes,
    async stop() {
      await tls?.close();
      tuning.beginShutdown();
      usage.stop();
      await runner.shutdown();
      tuning.finishShutdown();
      // Open tail streams would keep a graceful shutdown waiting forever.
      server.forceShutdown();
      await storage.stop();
      await rest.close();
      logs.close();
      disk.close();
    },
    killReplicasNow: () => {
      usage.stop();
      runner.killAllNow();
      logs.close();
    },
    activity: () => activity.snapshot(),
    recovery: {
      ...state.recovery,
      settledJobs: [...state.recovery.settledJobs, ...lostTuningJobs],
    },
  };
}
