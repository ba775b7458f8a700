// The local Vertex AI emulator: a gRPC server on loopback serving JobService,
// google.longrunning.Operations and LoggingServiceV2 from the official .proto files, with every
// call checked for the owner's key, then passed through the (test-only) fault injector.
import * as grpc from '@grpc/grpc-js';
import {checkKey} from './auth.js';
import {FaultInjector, checkFaultConfig, parseFaultConfig, type FaultConfig} from './faults.js';
import {failStream, toServiceError} from './grpc-errors.js';
import {JobRunner, type RunnerOptions} from './job-runner.js';
import {jobServiceHandlers} from './job-service.js';
import type {LogRetention} from './log-store.js';
import {loggingServiceHandlers} from './logging-service.js';
import {OperationStore} from './operations.js';
import {loadEmulatorProtos} from './protos.js';
import {ActivityTracker, type EmulatorActivity} from './service/activity.js';
import type {RecoveryReport} from './service/recovery.js';
import {openEmulatorState} from './service/state.js';
import {startTlsOAuthMode, type TlsOAuthOptions} from './tls-oauth.js';

export interface EmulatorOptions extends RunnerOptions {
  key: string;
  /** 0 picks a free port. */
  port: number;
  /** Log retention limits (defaults: DEFAULT_LOG_RETENTION). */
  retention?: LogRetention;
  /** Test-only fault injection; defaults to VTRAIN_EMULATOR_FAULTS (JSON), else none. */
  faults?: FaultConfig;
  /** Test-only TLS + OAuth mode (tls-oauth.ts); defaults to VTRAIN_EMULATOR_TLS_DIR, else off. */
  tlsOAuth?: TlsOAuthOptions;
}

export interface RunningEmulator {
  port: number;
  address: string;
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

type UnaryHandler = (request: never, metadata: grpc.Metadata) => unknown;

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
          (response) => callback(null, response),
          (error: unknown) => callback(toServiceError(error)),
        );
    }) as unknown as grpc.UntypedHandleCall;
  }
  return wrapped;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const protos = loadEmulatorProtos();
  const faults = new FaultInjector(
    options.faults
      ? checkFaultConfig(options.faults)
      : parseFaultConfig(process.env.VTRAIN_EMULATOR_FAULTS),
  );
  faults.checkMethods(
    [protos.jobService, protos.operationsService, protos.loggingService].flatMap((service) =>
      Object.keys(service),
    ),
  );
  const state = openEmulatorState(options.dataDir, options.retention);
  const {store, logs} = state;
  const operations = new OperationStore();
  const runner = new JobRunner(
    {...options, onReplicaStarted: state.onReplicaStarted},
    logs,
    (job) => store.put(job),
  );
  const activity = new ActivityTracker(options.key, store);
  const server = new grpc.Server({interceptors: [activity.interceptor]});
  const tlsOptions =
    options.tlsOAuth ??
    (process.env.VTRAIN_EMULATOR_TLS_DIR ? {dir: process.env.VTRAIN_EMULATOR_TLS_DIR} : undefined);
  const tls = tlsOptions ? await startTlsOAuthMode(tlsOptions) : undefined;
  // Only the owner may call: their key, or in TLS mode a token the owner's credentials obtained.
  const authorize = tls
    ? (metadata: grpc.Metadata) => tls.checkBearer(metadata)
    : (metadata: grpc.Metadata) => checkKey(metadata, options.key);

  server.addService(
    protos.jobService,
    unary(authorize, faults, jobServiceHandlers(store, runner, operations)),
  );
  server.addService(protos.operationsService, unary(authorize, faults, operations.handlers()));
  const logging = loggingServiceHandlers(logs, faults.config);
  server.addService(protos.loggingService, {
    ...unary(authorize, faults, {listLogEntries: logging.listLogEntries}),
    tailLogEntries: ((call: grpc.ServerDuplexStream<never, unknown>) => {
      Promise.resolve()
        .then(() => {
          authorize(call.metadata);
          return faults.beforeCall('TailLogEntries');
        })
        .then(
          () => logging.tailLogEntries(call),
          (error: unknown) => failStream(call, error),
        );
    }) as unknown as grpc.UntypedHandleCall,
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${options.port}`,
      tls?.serverCredentials ?? grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );

  tls?.publish(port);
  return {
    port,
    address: `127.0.0.1:${port}`,
    ...(tls && {
      tls: {caFile: tls.caFile, credentialsFile: tls.credentialsFile, tokenUrl: tls.tokenUrl},
    }),
    async stop() {
      await tls?.close();
      await runner.shutdown();
      // Open tail streams would keep a graceful shutdown waiting forever.
      server.forceShutdown();
      logs.close();
    },
    killReplicasNow: () => {
      runner.killAllNow();
      logs.close();
    },
    activity: () => activity.snapshot(),
    recovery: state.recovery,
  };
}
