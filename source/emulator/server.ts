// The local Vertex AI emulator: a gRPC server on loopback serving JobService and
// LoggingServiceV2 from the official .proto files, with every call checked for the owner's key.
import * as grpc from '@grpc/grpc-js';
import {checkKey} from './auth.js';
import {toServiceError} from './grpc-errors.js';
import {JobRunner, type RunnerOptions} from './job-runner.js';
import {JobStore} from './job-store.js';
import {jobServiceHandlers} from './job-service.js';
import {LogStore, type LogRetention} from './log-store.js';
import {loggingServiceHandlers} from './logging-service.js';
import {loadEmulatorProtos} from './protos.js';
import {isTerminalState} from '../job-spec/index.js';
import {emulatorPaths} from './service/paths.js';
import {ensurePrivateDir} from './service/private-files.js';
import {identify} from './service/process-identity.js';
import {recoverInterruptedJobs, type RecoveryReport} from './service/recovery.js';

export interface EmulatorOptions extends RunnerOptions {
  key: string;
  /** 0 picks a free port. */
  port: number;
  /** Log retention limits (defaults: DEFAULT_LOG_RETENTION). */
  retention?: LogRetention;
}

/** What the idle timer of the background service looks at. */
export interface EmulatorActivity {
  lastCallMs: number;
  openStreams: number;
  activeJobs: number;
}

export interface RunningEmulator {
  port: number;
  address: string;
  stop(): Promise<void>;
  /** Kills every replica at once and flushes logs; for process-exit paths that cannot wait. */
  killReplicasNow(): void;
  activity(): EmulatorActivity;
  /** Jobs a previous, crashed service left running, now FAILED. */
  recovery: RecoveryReport;
}

type UnaryHandler = (request: never, metadata: grpc.Metadata) => unknown;

/** Wraps plain request → response functions as authenticated gRPC unary handlers. */
function unary(
  key: string,
  handlers: Record<string, UnaryHandler>,
  onCall: () => void,
): grpc.UntypedServiceImplementation {
  const wrapped: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = ((
      call: grpc.ServerUnaryCall<never, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      Promise.resolve()
        .then(() => {
          checkKey(call.metadata, key);
          onCall();
          return handler(call.request, call.metadata);
        })
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
  // Records and logs persist in the owner-only folder; jobs a crashed service left behind are
  // settled before the first call can see them.
  const paths = emulatorPaths(options.dataDir);
  ensurePrivateDir(paths.root);
  const store = JobStore.open(paths.jobs);
  const logs = LogStore.open(paths.logs, options.retention);
  const recovery = recoverInterruptedJobs(store, logs);
  const runner = new JobRunner(
    {
      ...options,
      onReplicaStarted: (job, replica, pid) => {
        const identity = identify(pid);
        if (identity) store.recordReplica(job.id, {replica, ...identity});
      },
    },
    logs,
    (job) => store.put(job),
  );
  const server = new grpc.Server();
  let lastCallMs = Date.now();
  let openStreams = 0;
  const onCall = () => {
    lastCallMs = Date.now();
  };

  server.addService(
    protos.jobService,
    unary(options.key, jobServiceHandlers(store, runner), onCall),
  );
  const logging = loggingServiceHandlers(logs);
  server.addService(protos.loggingService, {
    ...unary(options.key, {listLogEntries: logging.listLogEntries}, onCall),
    tailLogEntries: ((call: grpc.ServerDuplexStream<never, unknown>) => {
      try {
        checkKey(call.metadata, options.key);
      } catch (error) {
        call.destroy(Object.assign(new Error((error as Error).message), toServiceError(error)));
        return;
      }
      onCall();
      openStreams++;
      let open = true;
      const closed = () => {
        if (!open) return;
        open = false;
        openStreams--;
        lastCallMs = Date.now();
      };
      for (const event of ['close', 'cancelled', 'error', 'finish']) call.once(event, closed);
      logging.tailLogEntries(call);
    }) as unknown as grpc.UntypedHandleCall,
  });

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${options.port}`,
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );

  return {
    port,
    address: `127.0.0.1:${port}`,
    async stop() {
      await runner.shutdown();
      // Open tail streams would keep a graceful shutdown waiting forever.
      server.forceShutdown();
      logs.close();
    },
    killReplicasNow: () => {
      runner.killAllNow();
      logs.close();
    },
    activity: () => ({
      lastCallMs,
      openStreams,
      activeJobs: store.list().filter((job) => !isTerminalState(job.state)).length,
    }),
    recovery,
  };
}
