// Runs a CustomJob as Vertex would: QUEUED → PENDING → RUNNING once every replica has started →
// SUCCEEDED when the primary exits 0 (the others are then stopped), FAILED when any replica exits
// non-zero, CANCELLING → CANCELLED on cancel, FAILED on timeout. A replica killed by SIGABRT or
// SIGSEGV is restarted in place (same name and environment) up to five times, as Vertex restarts
// workers after a transient exit. Each transition, a worker's own exit 0 and each restart are also
// written as `service` log entries, like Vertex's own.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  localObjectPath,
  replicasOf,
  type JobState,
  type ReplicaRef,
  type WorkerPoolSpecLike,
} from '../../core/job-spec/index.js';

import {
  ContainerReplicas,
  containerExec,
  type ContainerPlan,
  type ReplicaContainer,
} from './container-replicas.js';
import {localComputeNotes} from './compute-notes.js';
import type {JobRecord} from './job-record.js';
import {type LogStore} from '../logging/log-store.js';
import {nowNs} from '../rpc/clock.js';
import {installPoolPackages, pruneCodeCache, recordReferences} from './code-cache.js';
import {replicaEnv} from './replica-env.js';
import {allocateCluster} from './cluster-addresses.js';
import {writeReplicaShell} from '../contract/replica-shell.js';
import {entryBase, replicaLogEntry} from './replica-log.js';
import {ReplicaProcess} from './replica-process.js';
import {supervisorInterpreter} from './replica-supervisor.js';
import {REPLICA_MARKER, replicaMarker} from '../contract/leftover-replicas.js';
import {identify} from '../contract/process-identity.js';
import {findOutMoreLine, projectNumberOf} from './project-number.js';
import {waitForCapacity} from './capacity-wait.js';
import type {FaultConfig} from '../rpc/faults.js';
import {attempt} from '../records/cancel-failure.js';
import {parseDurationSeconds} from './duration.js';

export interface RunnerOptions {
  dataDir: string;
  python: string;
  /** Project number of the Cloud Storage API's bucket resources (replicas get their own project's). */
  projectNumber: string;
  /** How long a job stays QUEUED, then PENDING, before replicas start (ms). */
  queueDelayMs: number;
  provisionDelayMs: number;
  /** Environment variables replicas inherit (PATH, HOME, locale); secrets never go in here. */
  baseEnv: Record<string, string>;
  /** Told each replica's pid once it has started, so the service can record it on disk. */
  /** `container`: the replica runs in this container (its processes are not the client's children). */
  onReplicaStarted?: (
    job: JobRecord,
    replica: string,
    pid: number,
    container?: ReplicaContainer,
  ) => void;
  /** STORAGE_EMULATOR_HOST for replicas: the local Cloud Storage endpoint with its token. */
  storageHost?: string;
  /** Container engines to try, in order (default: VTRAIN_EMULATOR_CONTAINER_ENGINES or docker, podman). */
  containerEngines?: string[];
  /**
   * Python package pools run inside their pre-built image when the engine has it locally (default:
   * the local Python; `serve --packages-in-image`, resolved in entry/emulator-settings.ts).
   */
  packagesInImage?: boolean;
  /** Test faults; the runner reads the capacity waits (flexStartHoldSeconds, stockoutRetries). */
  faults?: FaultConfig;
}

/** How one replica is started, kept so a restart runs it again exactly the same way. */
interface ReplicaLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** The container's engine and name when it runs in one (the name must be free to restart). */
  container?: ReplicaContainer;
}

type JobError = {code: number; message: string};

interface RunningJob {
  job: JobRecord;
  replicas: Map<string, ReplicaProcess>;
  launches: Map<string, ReplicaLaunch>;
  /** Restarts so far, per replica name. */
  restarts: Map<string, number>;
  /** Engine and container names of container replicas, removed when the job ends. */
  containers: ReplicaContainer[];
  stderrTails: Map<string, string[]>;
  /** Shared code-cache entries the job runs (code-cache.ts). */
  codeHashes: string[];
  timers: NodeJS.Timeout[];
  settled: boolean;
  /** The settle in flight once `settled` is set: shutdown waits for it before the folder goes. */
  settling?: Promise<void>;
}

const STDERR_TAIL_LINES = 20;

/** "up to five restarts per worker" (facts §1.9); a further transient exit fails the job. */
export const MAX_REPLICA_RESTARTS = 5;

/** Exit statuses Vertex treats as transient: killed by SIGABRT (6) or SIGSEGV (11). */
const TRANSIENT_STATUSES = new Set([128 + 6, 128 + 11]);

/** Seconds a stopped replica gets between SIGTERM and SIGKILL (replica-process.ts: 3 s too). */
const STOP_GRACE_SECONDS = 3;

/** The last `service` log line of a job, by final state. */
const FINAL_SERVICE_MESSAGE: Partial<Record<JobState, string>> = {
  JOB_STATE_SUCCEEDED: 'Job completed successfully.',
  JOB_STATE_FAILED: 'Job failed.',
  JOB_STATE_CANCELLED: 'Job was cancelled.',
};

export class JobRunner {
  private readonly running = new Map<string, RunningJob>();
  private readonly containers: ContainerReplicas;

  constructor(
    private readonly options: RunnerOptions,
    private readonly logs: LogStore,
    private readonly onChange: (job: JobRecord) => void,
  ) {
    this.containers = new ContainerReplicas(options);
    // Per-job copies of older versions, and cache entries no job lists any more.
    void pruneCodeCache(this.workRoot, new Set(), true).catch(() => undefined);
  }

  /** Removes containers a crashed earlier run of this emulator left behind. */
  cleanLeftoverContainers(): Promise<void> {
    return this.containers.cleanLeftovers((id) => this.running.has(id));
  }

  private get workRoot(): string {
    return path.join(this.options.dataDir, 'jobs');
  }
  /** Package installs under way: a prune meanwhile could take an entry not yet listed. */
  private installing = 0;

  get bucketRoot(): string {
    return path.join(this.options.dataDir, 'buckets');
  }

  start(job: JobRecord): void {
    const run: RunningJob = {
      job,
      replicas: new Map(),
      launches: new Map(),
      restarts: new Map(),
      containers: [],
      stderrTails: new Map(),
      codeHashes: [],
      timers: [],
      settled: false,
    };
    this.running.set(job.id, run);
    this.serviceLog(job, 'Waiting for job to be provisioned.');
    for (const note of localComputeNotes(job.jobSpec)) this.serviceLog(job, note);
    this.launch(run).catch((error: unknown) =>
      this.fail(
        run,
        3,
        `The replica workerpool0-0 could not start. Termination reason: StartError.\n${(error as Error).message}`,
      ),
    );
  }

  /** QUEUED → PENDING → (replicas started) RUNNING; every step gives up once the job settled. */
  private async launch(run: RunningJob): Promise<void> {
    const {job} = run;
    // Without a container engine or a local image the job cannot run at all: say so at once, not
    // after the queue.
    const planned = await this.containers.plan(
      job.jobSpec.workerPoolSpecs,
      (id) => this.running.has(id),
      (message) => this.serviceLog(job, message, 'WARNING'),
    );
    if (!planned.ok) {
      await this.fail(
        run,
        3,
        `The replica workerpool${planned.pool}-0 could not start. Termination reason: StartError.\n${planned.message}`,
      );
      return;
    }
    // On a persistent resource the machines are already up: the job "starts without the
    // provisioning wait" (cloud.google.com/vertex-ai/docs/training/persistent-resource-overview:
    // it reduces "the job startup time that's otherwise needed for compute resource creation").
    const warm = Boolean((job.jobSpec as {persistentResourceId?: string}).persistentResourceId);
    await this.sleep(run, warm ? 0 : this.options.queueDelayMs);
    if (run.settled) return;
    this.transition(run, 'JOB_STATE_PENDING');
    await waitForCapacity(job, this.options.faults, {
      log: (message, severity) => this.serviceLog(job, message, severity),
      sleep: (ms) => this.sleep(run, ms),
      settled: () => run.settled,
    });
    if (run.settled) return;
    this.serviceLog(job, 'Waiting for training program to start.');
    await this.prepareAndLaunch(
      run,
      warm ? Date.now() - this.options.provisionDelayMs : Date.now(),
      planned.plan,
    );
    if (run.settled) return;
    const timeout = parseDurationSeconds(job.jobSpec.scheduling?.timeout);
    if (timeout !== undefined) {
      // scheduling.timeout is "the maximum job running time", so it counts from RUNNING.
      this.after(run, timeout * 1000, () =>
        this.fail(
          run,
          4,
          `The job exceeded its maximum running time (scheduling.timeout of ${timeout}s) and was stopped.`,
        ),
      );
    }
  }

  private sleep(run: RunningJob, ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.after(run, ms, resolve));
  }

  /** Drops what the runner keeps for a deleted job: its work folder (extracted code). */
  async forget(job: JobRecord): Promise<void> {
    // A replica that was just stopped may still be writing (__pycache__): retry briefly.
    await fs.rm(path.join(this.options.dataDir, 'jobs', job.id), {
      recursive: true,
      force: true,
      maxRetries: 5,
      retryDelay: 100,
    });
    if (this.installing > 0) return;
    const inUse = new Set([...this.running.values()].flatMap((run) => run.codeHashes));
    await pruneCodeCache(this.workRoot, inUse);
  }

  async cancel(job: JobRecord): Promise<void> {
    const run = this.running.get(job.id);
    if (!run || run.settled) return;
    // A failed record write (records/cancel-failure.ts) still lets the cancel end the job.
    const failed = attempt(() => this.transition(run, 'JOB_STATE_CANCELLING'));
    this.serviceLog(job, 'Job is being cancelled.');
    await this.settle(run, 'JOB_STATE_CANCELLED', {code: 1, message: 'CANCELED'});
    if (failed) throw failed.error;
  }

  /** Fails a job that is still running, e.g. one whose logs can no longer be written. */
  failRunning(jobId: string, code: number, message: string): void {
    const run = this.running.get(jobId);
    if (run) void this.fail(run, code, message);
  }

  /** Stops every replica of every job (emulator shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all(
      [...this.running.values()].map((run) =>
        this.settle(run, 'JOB_STATE_FAILED', {
          code: 14,
          message: 'The local emulator stopped while the job was running.',
        }),
      ),
    );
    this.containers.endGuard();
  }

  killAllNow(): void {
    for (const run of this.running.values()) {
      for (const replica of run.replicas.values()) replica.killNow();
      // Killing `docker run` does not stop its container; only the engine can, synchronously here.
      for (const container of run.containers) this.containers.removeNow(container);
    }
    this.containers.endGuard();
  }

  private async prepareAndLaunch(
    run: RunningJob,
    started: number,
    plan: ContainerPlan,
  ): Promise<void> {
    const {job} = run;
    const workDir = path.join(this.options.dataDir, 'jobs', job.id);
    await fs.mkdir(workDir, {recursive: true});
    const pools = job.jobSpec.workerPoolSpecs;
    const codeDirs = await this.installPackages(pools, workDir, run.codeHashes);
    this.supervisor ??= await supervisorInterpreter(this.options.python, this.options.baseEnv);
    const replicas = replicasOf(pools);
    const cluster = await allocateCluster(replicas);
    const outputPrefix = job.jobSpec.baseOutputDirectory?.outputUriPrefix;
    const outputDir = outputPrefix
      ? localObjectPath(this.bucketRoot, outputPrefix.replace(/\/?$/, '/'))
      : undefined;
    await this.sleep(run, this.options.provisionDelayMs - (Date.now() - started));
    if (run.settled) return;
    for (const replica of replicas) {
      const pool = pools[replica.pool] as WorkerPoolSpecLike;
      const spec = pool.pythonPackageSpec ?? pool.containerSpec;
      if (!spec) continue;
      const vertexEnv: Record<string, string> = {
        PYTHONUNBUFFERED: '1',
        ...replicaEnv({
          replica,
          cluster,
          jobSpec: job.jobSpec,
          projectNumber: projectNumberOf(job.project),
          jobId: job.id,
          ...(outputPrefix && {outputUri: outputPrefix}),
          ...(this.options.storageHost && {storageHost: this.options.storageHost}),
          ...(job.trial && {trial: job.trial.trialId}),
        }),
      };
      if (job.trial) vertexEnv.CLOUD_ML_HP_METRIC_FILE = job.trial.metricFile;
      Object.assign(vertexEnv, job.extraEnv);
      for (const variable of spec.env ?? []) vertexEnv[variable.name] = variable.value;
      const trialArgs = job.trial?.args ?? [];
      let launch: ReplicaLaunch;
      const {engine} = plan;
      const inImage = plan.packagePoolsInImage.has(replica.pool)
        ? pool.pythonPackageSpec
        : undefined;
      if (engine && (pool.containerSpec || inImage)) {
        const codeDir = codeDirs.get(replica.pool);
        if (inImage && codeDir) vertexEnv.PYTHONPATH = codeDir;
        const {argv, container} = this.containers.runArgs(engine, {
          jobId: job.id,
          replica: replica.name,
          ...(pool.containerSpec
            ? {
                imageUri: pool.containerSpec.imageUri,
                ...(pool.containerSpec.command && {command: pool.containerSpec.command}),
                args: [...(pool.containerSpec.args ?? []), ...trialArgs],
              }
            : {
                // Pre-built images run the package as `python3 -m MODULE ARGS`.
                imageUri: inImage?.executorImageUri ?? '',
                command: ['python3', '-m', inImage?.pythonModule ?? ''],
                args: [...(inImage?.args ?? []), ...trialArgs],
                ...(codeDir && {workdir: codeDir.split(path.delimiter)[0]}),
              }),
          envNames: Object.keys(vertexEnv),
          // The job's folder is the replica's working folder; its extracted code lives in the shared
          // code cache (code-cache.ts); a trial's metric file is outside both.
          mounts: [
            ...(outputDir ? [outputDir] : []),
            ...(inImage ? [workDir, ...(codeDir ? codeDir.split(path.delimiter) : [])] : []),
            ...(job.trial ? [path.dirname(job.trial.metricFile)] : []),
          ],
        });
        run.containers.push(container);
        launch = {
          // The resolved client: the app's shell enters the container with this same one.
          command: engine.path ?? engine.binary,
          args: argv,
          // The engine client reads each `--env NAME` value from its own environment.
          env: {...container.env, ...vertexEnv},
          cwd: workDir,
          container,
        };
      } else if (pool.pythonPackageSpec) {
        launch = {
          command: this.options.python,
          args: [
            '-m',
            pool.pythonPackageSpec.pythonModule,
            ...(pool.pythonPackageSpec.args ?? []),
            ...trialArgs,
          ],
          env: {
            ...this.options.baseEnv,
            PYTHONPATH: codeDirs.get(replica.pool) ?? workDir,
            ...vertexEnv,
          },
          // The job's own folder: the code is shared with other jobs, so nothing is written there.
          cwd: workDir,
        };
      } else {
        continue;
      }
      run.launches.set(replica.name, launch);
      this.recordShell(job.id, replica.name, launch, vertexEnv);
      this.startReplica(run, replica, launch);
    }
    await Promise.all([...run.replicas.values()].map((replica) => replica.started));
    if (run.settled) return;
    job.startTimeNs = nowNs();
    this.transition(run, 'JOB_STATE_RUNNING');
    this.serviceLog(job, 'Job is running.');
  }

  /** What the app's replica shell opens with (contract/replica-shell.ts); a failure only loses that. */
  private recordShell(
    jobId: string,
    replica: string,
    launch: ReplicaLaunch,
    vertexEnv: Record<string, string>,
  ): void {
    const {container} = launch;
    try {
      writeReplicaShell(this.options.dataDir, jobId, {
        version: 1,
        replica,
        cwd: launch.cwd,
        // A container's environment is what `--env` gave it; the engine client's is apart.
        env: container ? vertexEnv : launch.env,
        container: container !== undefined,
        ...(container && {exec: containerExec(container, launch.command)}),
      });
    } catch {
      // A full disk or an unsafe folder: the shell key says there is no record.
    }
  }

  /** Starts (or restarts) one replica; its pid is recorded and its exit handled once it ends. */
  private startReplica(run: RunningJob, replica: ReplicaRef, launch: ReplicaLaunch): void {
    const process = new ReplicaProcess({
      command: launch.command,
      args: launch.args,
      // The marker finds the replica (and what it forks) should it outlive this service.
      env: {...launch.env, [REPLICA_MARKER]: this.markerFor(run.job, replica.name)},
      cwd: launch.cwd,
      // Through the supervisor: the replica's group ends when this service dies, however.
      supervisor: this.supervisor ?? this.options.python,
      onLine: (stream, line) => this.replicaLine(run, replica, stream, line),
    });
    // Replaces a restarted replica's old process: settle() stops whatever the map holds.
    run.replicas.set(replica.name, process);
    process.started.then(
      // Recorded under the replica's name, so the new pid replaces a restarted replica's old one.
      () =>
        process.pid &&
        this.options.onReplicaStarted?.(run.job, replica.name, process.pid, launch.container),
      () => undefined, // a spawn failure is reported through `started` and `exited`
    );
    void process.exited.then((exit) => this.replicaExited(run, replica, exit.status));
  }

  private service?: {pid: number; startTime: string};
  /** The Python binary that runs replica supervisors (replica-supervisor.ts). */
  private supervisor?: string;
  private markerFor(job: JobRecord, replica: string): string {
    this.service ??= {pid: process.pid, startTime: identify(process.pid)?.startTime ?? ''};
    return replicaMarker({
      service: this.service,
      jobId: job.id,
      replica,
      dataDir: this.options.dataDir,
    });
  }

  /** Installs each distinct package list once; returns the PYTHONPATH (package roots) per pool. */
  private async installPackages(
    pools: WorkerPoolSpecLike[],
    workDir: string,
    hashes: string[],
  ): Promise<Map<number, string>> {
    this.installing++;
    try {
      const result = await installPoolPackages(pools, this.bucketRoot, this.workRoot, hashes);
      await recordReferences(workDir, hashes);
      return result;
    } finally {
      this.installing--;
    }
  }

  private replicaLine(
    run: RunningJob,
    replica: ReplicaRef,
    stream: 'stdout' | 'stderr',
    line: string,
  ): void {
    if (stream === 'stderr') {
      const tail = run.stderrTails.get(replica.name) ?? [];
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      run.stderrTails.set(replica.name, tail);
    }
    this.logs.append(
      replicaLogEntry(run.job, replica.name, stream, line),
      replica.name + run.job.id,
    );
  }

  private replicaExited(run: RunningJob, replica: ReplicaRef, status: number): void {
    if (run.settled) return;
    if (status === 0) {
      if (replica.pool === 0) void this.settle(run, 'JOB_STATE_SUCCEEDED');
      // Our own wording (Vertex's is not documented), so the dashboard can show the worker exited.
      else this.serviceLog(run.job, `The replica ${replica.name} exited with status 0.`);
      return;
    }
    if (this.mayRestart(run, replica, status)) {
      void this.restart(run, replica, status);
      return;
    }
    const tail = run.stderrTails.get(replica.name) ?? [];
    const tracebackStart = tail.findIndex((line) => line.startsWith('Traceback'));
    const detail = (tracebackStart >= 0 ? tail.slice(tracebackStart) : tail.slice(-5)).join('\n');
    void this.fail(
      run,
      3,
      `The replica ${replica.name} exited with a non-zero status of ${status}. Termination reason: Error.${detail ? `\n${detail}` : ''}`,
    );
  }

  /**
   * A transient exit is restarted unless retries are disabled or the replica has used its five
   * restarts. With restartJobOnWorkerRestart the job itself would restart, which the emulator
   * does not do: such a job fails at the first exit instead, as it did before restarts existed.
   */
  private mayRestart(run: RunningJob, replica: ReplicaRef, status: number): boolean {
    const scheduling = run.job.jobSpec.scheduling;
    return (
      TRANSIENT_STATUSES.has(status) &&
      scheduling?.disableRetries !== true &&
      scheduling?.restartJobOnWorkerRestart !== true &&
      (run.restarts.get(replica.name) ?? 0) < MAX_REPLICA_RESTARTS &&
      run.launches.has(replica.name)
    );
  }

  /** Runs the replica again with the same name and environment, as Vertex does in the same VM. */
  private async restart(run: RunningJob, replica: ReplicaRef, status: number): Promise<void> {
    const launch = run.launches.get(replica.name) as ReplicaLaunch;
    const restarts = (run.restarts.get(replica.name) ?? 0) + 1;
    run.restarts.set(replica.name, restarts);
    this.serviceLog(
      run.job,
      `The replica ${replica.name} exited with a non-zero status of ${status} and was restarted (restart ${restarts} of ${MAX_REPLICA_RESTARTS}).`,
      'WARNING',
    );
    // What the crashed process left in its group must not outlive it (nothing stops it later).
    run.replicas.get(replica.name)?.killNow();
    run.stderrTails.delete(replica.name);
    // `docker run --rm` may still be removing the old container; its name must be free again.
    if (launch.container) await this.containers.remove(launch.container);
    // A cancel (or any end) meanwhile has stopped every replica: starting one now would orphan it.
    if (run.settled) return;
    this.startReplica(run, replica, launch);
  }

  private async fail(run: RunningJob, code: number, message: string): Promise<void> {
    if (run.settled) return;
    this.serviceLog(run.job, message, 'ERROR');
    await this.settle(run, 'JOB_STATE_FAILED', {code, message});
  }

  /** Ends a job once: a second call (a cancel meeting a shutdown) waits for the first. */
  private settle(run: RunningJob, state: JobState, error?: JobError): Promise<void> {
    run.settled = true;
    return (run.settling ??= this.endRun(run, state, error));
  }

  private async endRun(run: RunningJob, state: JobState, error?: JobError): Promise<void> {
    run.timers.forEach(clearTimeout);
    // A container is stopped by its engine (its PID 1 may ignore the client's SIGTERM), with the
    // same grace as a process replica, then removed.
    await Promise.all([
      ...[...run.replicas.values()].map((replica) => replica.stop()),
      ...run.containers.map((container) => this.containers.stop(container, STOP_GRACE_SECONDS)),
    ]);
    await Promise.all(run.containers.map((container) => this.containers.remove(container)));
    run.job.endTimeNs = nowNs();
    if (error) run.job.error = error;
    // Settled even when the final record write fails: a shutdown must not wait on it again.
    this.running.delete(run.job.id);
    this.transition(run, state);
    this.serviceLog(run.job, FINAL_SERVICE_MESSAGE[state] ?? `Job finished in state ${state}.`);
    if (state === 'JOB_STATE_FAILED') {
      // As on Vertex, a failure's service log ends with where to read more.
      const id = run.job.trial?.tuningJobId ?? run.job.id;
      this.serviceLog(run.job, findOutMoreLine(projectNumberOf(run.job.project), id), 'ERROR');
    }
  }

  private transition(run: RunningJob, state: JobState): void {
    run.job.state = state;
    run.job.updateTimeNs = nowNs();
    this.onChange(run.job);
  }

  private after(run: RunningJob, ms: number, action: () => void): void {
    run.timers.push(setTimeout(action, ms));
  }

  private serviceLog(job: JobRecord, message: string, severity = 'INFO'): void {
    this.logs.append(
      {...entryBase(job, 'service'), severity, textPayload: message},
      `service${job.id}`,
    );
  }
}
