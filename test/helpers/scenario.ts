// Jobs running test/fixtures/scenario-package, a replica scripted by its args (see its main.py),
// so emulator tests can produce exact log lines, exits and timings.
import path from 'node:path';
import type {WorkerPoolSpecLike} from '../../source/core/job-spec/index.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import type {TestEmulator} from './emulator.js';

export const PARENT = 'projects/test-project/locations/us-central1';
export const SCENARIO_URI = 'gs://staging/scenario-0.1.tar.gz';
const SCENARIO_PACKAGE = path.resolve(import.meta.dirname, '../fixtures/scenario-package');

export async function stageScenario(env: TestEmulator): Promise<void> {
  await stagePackageLocally(SCENARIO_PACKAGE, SCENARIO_URI, env.bucketRoot);
}

export function scenarioPool(args: string[], replicaCount = 1): WorkerPoolSpecLike {
  return {
    machineSpec: {machineType: 'n1-standard-4'},
    replicaCount,
    pythonPackageSpec: {
      executorImageUri: 'us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest',
      packageUris: [SCENARIO_URI],
      pythonModule: 'scenario.main',
      args,
    },
  };
}

export interface ScenarioJobOptions {
  displayName?: string;
  labels?: Record<string, string>;
  workers?: {args: string[]; count: number};
  timeoutSeconds?: number;
}

/** A CreateCustomJob request whose primary runs `args` (and optional workers run theirs). */
export function scenarioRequest(args: string[], options: ScenarioJobOptions = {}) {
  const pools = [scenarioPool(args)];
  if (options.workers) pools.push(scenarioPool(options.workers.args, options.workers.count));
  return {
    parent: PARENT,
    customJob: {
      displayName: options.displayName ?? 'scenario',
      labels: options.labels ?? {},
      jobSpec: {
        workerPoolSpecs: pools,
        ...(options.timeoutSeconds !== undefined && {
          scheduling: {timeout: {seconds: options.timeoutSeconds}},
        }),
      },
    },
  };
}

/**
 * A CreateHyperparameterTuningJob request with exactly one trial (GRID_SEARCH over one value of
 * `units`) whose job runs `pools`.
 */
export function oneTrialTuningRequest(displayName: string, pools: WorkerPoolSpecLike[]) {
  return {
    parent: PARENT,
    hyperparameterTuningJob: {
      displayName,
      studySpec: {
        metrics: [{metricId: 'score', goal: 'MAXIMIZE'}],
        parameters: [{parameterId: 'units', integerValueSpec: {minValue: 1, maxValue: 1}}],
        algorithm: 'GRID_SEARCH',
      },
      maxTrialCount: 1,
      parallelTrialCount: 1,
      trialJobSpec: {workerPoolSpecs: pools},
    },
  };
}
