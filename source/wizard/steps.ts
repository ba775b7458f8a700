// The wizard's choice steps as data: what each offers and how a choice changes the draft.
import {
  findPrebuiltImage,
  prebuiltImageUri,
  type Catalog,
  type JobDraft,
  type PrebuiltImage,
  type WorkerPoolDraft,
} from '../job-spec/index.js';
import type {Choice} from './SelectList.js';

export interface ChoiceStep {
  id: string;
  title: string;
  /** The options, from the catalog in use (built-in plus the user's settings). */
  choices(draft: JobDraft, catalog: Catalog, today: Date): Choice<string>[];
  selected(draft: JobDraft, catalog: Catalog): string;
  apply(draft: JobDraft, value: string): JobDraft;
}

const NOT_YET = 'not available yet';

function mapPools(draft: JobDraft, change: (pool: WorkerPoolDraft) => WorkerPoolDraft): JobDraft {
  const pools = draft.workerPools.map((pool) =>
    pool ? change(pool) : pool,
  ) as JobDraft['workerPools'];
  return {...draft, workerPools: pools};
}

/** Users still pick retired images (old code needs them), but they should see the risk. */
function availabilityNote(image: PrebuiltImage, today: Date): string {
  const ended = image.endOfAvailability <= today.toISOString().slice(0, 10);
  return ended ? ` · ⚠ unavailable since ${image.endOfAvailability}` : '';
}

export const CHOICE_STEPS: readonly ChoiceStep[] = [
  {
    id: 'training-type',
    title: 'Training type',
    choices: () => [
      {value: 'custom', label: 'Custom training', description: 'your own training code'},
      {value: 'automl', label: 'AutoML', disabledReason: NOT_YET},
    ],
    selected: (draft) => draft.trainingType,
    apply: (draft, value) => ({...draft, trainingType: value as JobDraft['trainingType']}),
  },
  {
    id: 'workflow',
    title: 'Workflow',
    choices: () => [
      {
        value: 'custom-job',
        label: 'Custom job',
        description: 'run the code once on the pools you choose',
      },
      {
        value: 'hyperparameter-tuning-job',
        label: 'Hyperparameter tuning job',
        disabledReason: NOT_YET,
      },
      {value: 'training-pipeline', label: 'Training pipeline', disabledReason: NOT_YET},
    ],
    selected: (draft) => draft.workflow,
    apply: (draft, value) => ({...draft, workflow: value as JobDraft['workflow']}),
  },
  {
    id: 'container',
    title: 'Pre-built container for the Python package',
    choices: (draft, catalog, today) =>
      catalog.prebuiltImages.map((image) => ({
        value: image.name,
        label: `${image.framework} ${image.version} (${image.accelerator})`,
        description: `${prebuiltImageUri(image.name, draft.region)} · py${image.python}${availabilityNote(image, today)}`,
      })),
    selected: (draft, catalog) => {
      const task = draft.workerPools[0].task;
      return task.kind === 'python-package'
        ? (findPrebuiltImage(task.executorImageUri, catalog)?.name ?? '')
        : '';
    },
    apply: (draft, value) =>
      mapPools(draft, (pool) =>
        pool.task.kind === 'python-package'
          ? {...pool, task: {...pool.task, executorImageUri: prebuiltImageUri(value, draft.region)}}
          : pool,
      ),
  },
  {
    id: 'machine',
    title: 'Machine type (all pools)',
    choices: (_draft, catalog) =>
      catalog.machineTypes.map((machine) => ({
        value: machine.name,
        label: machine.name,
        description: `${machine.vcpus} vCPU · ${machine.memoryGb} GB`,
      })),
    selected: (draft) => draft.workerPools[0].machine.machineType,
    apply: (draft, value) =>
      mapPools(draft, (pool) => ({...pool, machine: {...pool.machine, machineType: value}})),
  },
];

export const STEP_TITLES = [...CHOICE_STEPS.map((step) => step.title), 'Worker pools', 'Review'];

export function setWorkerReplicas(draft: JobDraft, count: number): JobDraft {
  const primary = draft.workerPools[0];
  const rest = draft.workerPools.slice(2) as (WorkerPoolDraft | undefined)[];
  const workers: WorkerPoolDraft | undefined =
    count > 0 ? {...(draft.workerPools[1] ?? primary), replicaCount: count} : undefined;
  return {...draft, workerPools: [primary, workers, ...rest] as unknown as JobDraft['workerPools']};
}
