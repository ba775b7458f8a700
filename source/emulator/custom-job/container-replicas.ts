// What the job runner needs to run replicas in containers: the engine for a job (or why there is
// none), its images checked locally before the job is queued, one `run` command line per replica
// (named vtrain-<job>-<replica> and labelled with this emulator's id, so a restart or the watcher
// can remove exactly its containers), and stopping them.
//
// Python package pools on a pre-built image run with the local Python by default; with
// `packagesInImage` they run inside that image when the engine has it locally (their extracted
// code mounted at the same path, `python3 -m MODULE ARGS` as the pre-built containers run it,
// cloud.google.com/vertex-ai/docs/training/create-python-pre-built-container), and otherwise fall
// back to the local Python with a warning that says why.
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {WorkerPoolSpecLike} from '../../core/job-spec/index.js';
import {replicaContainerName, type ContainerExec} from '../contract/replica-shell.js';
import {ContainerGuard} from './container-guard.js';
import {
  EMULATOR_LABEL,
  configuredEngines,
  containerRunArgs,
  containersLabelled,
  findContainerEngine,
  imageIsLocal,
  missingImageMessage,
  noEngineMessage,
  removeContainer,
  removeContainerNow,
  stopContainer,
  type ContainerEngine,
} from './container-runtime.js';

/** Variables that tell a docker/podman client where its engine is (never passed to replicas). */
const ENGINE_ENV = [
  'DOCKER_HOST',
  'DOCKER_CONFIG',
  'DOCKER_CONTEXT',
  'CONTAINER_HOST',
  'XDG_RUNTIME_DIR',
];

/** The container a replica runs in, kept to stop and remove it. */
export interface ReplicaContainer {
  engine: ContainerEngine;
  name: string;
  env: Record<string, string>;
}

export interface ContainerPlan {
  engine?: ContainerEngine;
  /** Python package pools that run inside their pre-built image. */
  packagePoolsInImage: Set<number>;
}

export type PlanResult =
  {ok: true; plan: ContainerPlan} | {ok: false; pool: number; message: string};

export interface ContainerOptions {
  dataDir: string;
  baseEnv: Record<string, string>;
  containerEngines?: string[];
  packagesInImage?: boolean;
}

/** The container name of one replica (Docker and Podman accept [a-zA-Z0-9][a-zA-Z0-9_.-]*). */
export function containerName(jobId: string, replica: string): string {
  return replicaContainerName(jobId, replica);
}

/** How the app's shell enters a replica's container, run by `binary` (contract/replica-shell.ts). */
export function containerExec(container: ReplicaContainer, binary: string): ContainerExec {
  return {
    kind: container.engine.kind,
    binary,
    globalArgs: container.engine.globalArgs,
    name: container.name,
    clientEnv: container.env,
  };
}

export class ContainerReplicas {
  private readonly guard = new ContainerGuard();
  private readonly label: string;
  private swept = false;

  constructor(private readonly options: ContainerOptions) {
    const id = createHash('sha256').update(path.resolve(options.dataDir)).digest('hex');
    this.label = `${EMULATOR_LABEL}=${id.slice(0, 16)}`;
  }

  /** The engine client's environment: the replicas' base plus where to find the engine. */
  engineEnv(): Record<string, string> {
    const env = {...this.options.baseEnv};
    for (const name of ENGINE_ENV) {
      const value = process.env[name];
      if (value !== undefined) env[name] ??= value;
    }
    return env;
  }

  /**
   * The engine for these pools and which package pools run in their image; or why the job cannot
   * start. `warn` gets one line per package pool that falls back to the local Python.
   */
  async plan(
    pools: WorkerPoolSpecLike[],
    isRunning: (jobId: string) => boolean,
    warn: (message: string) => void,
  ): Promise<PlanResult> {
    const inImage = this.options.packagesInImage ?? false;
    const packagePools = inImage
      ? pools.flatMap((pool, index) => (pool.pythonPackageSpec?.executorImageUri ? [index] : []))
      : [];
    const containerPools = pools.flatMap((pool, index) => (pool.containerSpec ? [index] : []));
    const plan: ContainerPlan = {packagePoolsInImage: new Set()};
    if (containerPools.length === 0 && packagePools.length === 0) return {ok: true, plan};
    const env = this.engineEnv();
    const probe = await findContainerEngine(
      this.options.containerEngines ?? configuredEngines(),
      env,
    );
    if (!probe.ok) {
      const [first] = containerPools;
      if (first !== undefined) {
        const image = pools[first]?.containerSpec?.imageUri ?? '';
        return {ok: false, pool: first, message: noEngineMessage(first, image, probe)};
      }
      const reasons = probe.tried.map((t) => `${t.binary} ${t.problem}`).join('; ');
      warn(
        `Python packages run with the local Python, not inside their pre-built image: no container engine is available (${reasons}).`,
      );
      return {ok: true, plan};
    }
    const engine = probe.engine;
    plan.engine = engine;
    for (const index of containerPools) {
      const image = pools[index]?.containerSpec?.imageUri ?? '';
      if (!(await imageIsLocal(engine, image, env)))
        return {
          ok: false,
          pool: index,
          message: missingImageMessage(
            `workerPoolSpecs[${index}].containerSpec.imageUri`,
            image,
            engine,
          ),
        };
    }
    for (const index of packagePools) {
      const image = pools[index]?.pythonPackageSpec?.executorImageUri ?? '';
      if (await imageIsLocal(engine, image, env)) plan.packagePoolsInImage.add(index);
      else
        warn(
          `workerPoolSpecs[${index}] runs with the local Python: ${missingImageMessage('its pre-built image', image, engine).replace(/, then submit the job again\.$/, ' to run it inside the image.')}`,
        );
    }
    await this.sweep(engine, env, isRunning);
    this.guard.ensure(engine, this.label, env);
    return {ok: true, plan};
  }

  /** The `run` argv of one replica's container. */
  runArgs(
    engine: ContainerEngine,
    input: {
      jobId: string;
      replica: string;
      imageUri: string;
      command?: string[];
      args: string[];
      envNames: string[];
      mounts: string[];
      workdir?: string;
    },
  ): {argv: string[]; container: ReplicaContainer} {
    const name = containerName(input.jobId, input.replica);
    const [labelKey, labelValue] = this.label.split('=') as [string, string];
    const argv = containerRunArgs(
      {
        name,
        imageUri: input.imageUri,
        ...(input.command && {command: input.command}),
        args: input.args,
        envNames: input.envNames,
        // A folder that does not exist (yet) cannot be mounted; the replica reaches it through the API.
        mounts: input.mounts.filter((mount) => fs.existsSync(mount)),
        ...(input.workdir && {workdir: input.workdir}),
        labels: {
          [labelKey]: labelValue,
          'vtrain-job-id': input.jobId,
          'vtrain-task-name': input.replica,
        },
      },
      engine,
    );
    return {argv, container: {engine, name, env: this.engineEnv()}};
  }

  /** Leftovers of an earlier run of this emulator (crash, kill -9): removed before new ones start. */
  private async sweep(
    engine: ContainerEngine,
    env: Record<string, string>,
    isRunning: (jobId: string) => boolean,
  ): Promise<void> {
    if (this.swept) return;
    this.swept = true;
    const names = await containersLabelled(engine, this.label, env);
    const stale = names.filter((name) => {
      const jobId = /^vtrain-(.+)-workerpool\d+-\d+$/.exec(name)?.[1];
      return jobId === undefined || !isRunning(jobId);
    });
    await Promise.all(stale.map((name) => removeContainer(engine, name, env)));
  }

  /** A restart-time clean-up (the service found jobs a crashed run left behind). */
  async cleanLeftovers(isRunning: (jobId: string) => boolean): Promise<void> {
    const env = this.engineEnv();
    const probe = await findContainerEngine(
      this.options.containerEngines ?? configuredEngines(),
      env,
    );
    if (probe.ok) await this.sweep(probe.engine, env, isRunning);
  }

  stop(container: ReplicaContainer, graceSeconds: number): Promise<void> {
    return stopContainer(container.engine, container.name, container.env, graceSeconds);
  }

  remove(container: ReplicaContainer): Promise<void> {
    return removeContainer(container.engine, container.name, container.env);
  }

  removeNow(container: ReplicaContainer): void {
    removeContainerNow(container.engine, container.name, container.env);
  }

  /** The emulator is stopping and has removed its containers: the watcher is not needed. */
  endGuard(): void {
    this.guard.stop();
  }
}
