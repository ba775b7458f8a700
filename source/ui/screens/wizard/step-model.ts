// The wizard as data, without Ink: which steps exist, when each applies to the draft, what kind
// of screen it is, which fields it holds, and which step and field fix a validation problem. The
// views render this; tests check it directly (every rule's fix lands on a step the user can reach).
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';

export type StepId =
  | 'where'
  | 'training-type'
  | 'workflow'
  | 'dataset'
  | 'automl'
  | 'container'
  | 'compute'
  | 'pools'
  | 'study'
  | 'options'
  | 'review';

/** choice: one list; form: labelled fields; table: rows to add/edit/delete; pools: the 4 slots. */
export type StepKind = 'choice' | 'form' | 'table' | 'pools' | 'review';

export interface FieldDef {
  id: string;
  label: string;
}

export interface StepDef {
  id: StepId;
  title: string;
  kind: StepKind;
  /** Does this step apply to the draft as it stands? */
  when(draft: JobDraft): boolean;
  fields: readonly FieldDef[];
  /** Problem paths this step fixes, each with the field that fixes it. */
  claims: readonly {path: RegExp; field: string}[];
  /** One short line for the breadcrumb / side panel, once something is chosen. */
  summary(draft: JobDraft): string;
  /** Per-pool steps (container, compute) are shown once per used pool. */
  perPool?: boolean;
}

const custom = (draft: JobDraft) => draft.trainingType === 'custom';
const isPipeline = (draft: JobDraft) =>
  draft.trainingType === 'automl' || draft.workflow === 'training-pipeline';
const POOL = String.raw`workerPools\[\d+\]`;

const WORKFLOW_LABEL: Record<JobDraft['workflow'], string> = {
  'custom-job': 'custom job',
  'hyperparameter-tuning-job': 'tuning job',
  'training-pipeline': 'training pipeline',
};

function usedPools(draft: JobDraft): number[] {
  return draft.workerPools.flatMap((pool, index) => (pool ? [index] : []));
}

function taskSummary(draft: JobDraft): string {
  const task = draft.workerPools[0]?.task;
  if (!task) return 'no primary pool';
  if (task.kind === 'container') return task.imageUri.split('/').pop() ?? task.imageUri;
  const image =
    task.executorImageUri
      .split('/')
      .pop()
      ?.replace(/:latest$/, '') ?? '';
  return `${image} · ${task.pythonModule || 'no module'}`;
}

export const STEPS: readonly StepDef[] = [
  {
    id: 'where',
    title: 'Where',
    kind: 'form',
    when: () => true,
    fields: [
      {id: 'backend', label: 'Backend'},
      {id: 'project', label: 'Project'},
      {id: 'region', label: 'Region'},
      {id: 'stagingBucket', label: 'Staging bucket'},
    ],
    claims: [{path: /^region$/, field: 'region'}],
    summary: (draft) => `${draft.project} · ${draft.region}`,
  },
  {
    id: 'training-type',
    title: 'Training type',
    kind: 'choice',
    when: () => true,
    fields: [{id: 'trainingType', label: 'Training type'}],
    claims: [],
    summary: (draft) => (draft.trainingType === 'automl' ? 'AutoML' : 'custom training'),
  },
  {
    id: 'workflow',
    title: 'Workflow',
    kind: 'choice',
    // AutoML offers only the training pipeline, but the step still shows so an imported AutoML
    // job with another workflow can be corrected.
    when: () => true,
    fields: [{id: 'workflow', label: 'Workflow'}],
    claims: [{path: /^workflow$/, field: 'workflow'}],
    summary: (draft) => WORKFLOW_LABEL[draft.workflow],
  },
  {
    id: 'dataset',
    title: 'Dataset',
    kind: 'form',
    when: (draft) => isPipeline(draft) || draft.dataset?.kind === 'managed',
    fields: [
      {id: 'dataset', label: 'Dataset'},
      {id: 'datasetId', label: 'Managed dataset'},
      {id: 'split', label: 'Split'},
      {id: 'fractions', label: 'Fractions'},
      {id: 'filters', label: 'Filters'},
      {id: 'predefinedKey', label: 'Split column'},
      {id: 'destination', label: 'Export destination'},
    ],
    claims: [
      {path: /^inputDataConfig\.datasetId$/, field: 'dataset'},
      {path: /^inputDataConfig\.fractionSplit/, field: 'fractions'},
      {path: /^inputDataConfig\.filterSplit/, field: 'filters'},
      {path: /^inputDataConfig\.predefinedSplit/, field: 'predefinedKey'},
      {path: /^inputDataConfig\.(timestamp|stratified)Split/, field: 'split'},
      {path: /^inputDataConfig\.(gcs|bigquery)Destination/, field: 'destination'},
      {path: /^inputDataConfig/, field: 'dataset'},
    ],
    summary: (draft) =>
      draft.dataset?.kind === 'managed' ? `dataset ${draft.dataset.datasetId}` : 'no dataset',
  },
  {
    id: 'automl',
    title: 'AutoML',
    kind: 'form',
    when: (draft) => draft.trainingType === 'automl',
    fields: [
      {id: 'objective', label: 'Data type and objective'},
      {id: 'targetColumn', label: 'Target column'},
      {id: 'optimizationObjective', label: 'Optimisation objective'},
      {id: 'budget', label: 'Budget (milli node hours)'},
      {id: 'modelType', label: 'Model type'},
      {id: 'dataGranularity', label: 'Data granularity'},
      {id: 'objectiveValue', label: 'Recall / precision value'},
      {id: 'sentimentMax', label: 'Highest sentiment'},
      {id: 'inputs', label: 'Other inputs'},
    ],
    claims: [
      {path: /^trainingTaskInputs\.targetColumn$/, field: 'targetColumn'},
      {
        path: /^trainingTaskInputs\.optimizationObjective(Recall|Precision)Value$/,
        field: 'objectiveValue',
      },
      {path: /^trainingTaskInputs\.optimizationObjective/, field: 'optimizationObjective'},
      {path: /^trainingTaskInputs\.sentimentMax$/, field: 'sentimentMax'},
      {path: /^trainingTaskInputs\.(train)?[bB]udgetMilliNodeHours$/, field: 'budget'},
      {path: /^trainingTaskInputs\.modelType$/, field: 'modelType'},
      {path: /^trainingTaskInputs\.dataGranularity/, field: 'dataGranularity'},
      {path: /^trainingTaskInputs$/, field: 'objective'},
      {path: /^trainingTaskInputs\./, field: 'inputs'},
    ],
    summary: (draft) => draft.automl?.kind ?? '',
  },
  {
    id: 'container',
    title: 'Container',
    kind: 'form',
    perPool: true,
    when: custom,
    fields: [
      {id: 'image', label: 'Image'},
      {id: 'packages', label: 'Package'},
      {id: 'module', label: 'Python module'},
      {id: 'command', label: 'Command'},
      {id: 'args', label: 'Arguments'},
      {id: 'env', label: 'Environment'},
    ],
    claims: [
      {
        path: new RegExp(
          `^${POOL}\\.(pythonPackageSpec\\.executorImageUri|containerSpec\\.imageUri)$`,
        ),
        field: 'image',
      },
      {path: new RegExp(`^${POOL}\\.pythonPackageSpec\\.packageUris`), field: 'packages'},
      {path: new RegExp(`^${POOL}\\.pythonPackageSpec\\.pythonModule$`), field: 'module'},
      {path: new RegExp(`^${POOL}\\.containerSpec\\.command`), field: 'command'},
      {path: new RegExp(`^${POOL}\\.(pythonPackageSpec|containerSpec)\\.args`), field: 'args'},
      {path: new RegExp(`^${POOL}\\.(pythonPackageSpec|containerSpec)\\.env`), field: 'env'},
      {path: new RegExp(`^${POOL}\\.(pythonPackageSpec|containerSpec)$`), field: 'image'},
    ],
    summary: taskSummary,
  },
  {
    id: 'compute',
    title: 'Compute',
    kind: 'form',
    perPool: true,
    when: custom,
    fields: [
      {id: 'machineType', label: 'Machine type'},
      {id: 'accelerator', label: 'Accelerator'},
      {id: 'tpuTopology', label: 'TPU topology'},
      {id: 'disk', label: 'Boot disk type'},
      {id: 'diskSize', label: 'Boot disk size'},
      {id: 'scheduling', label: 'Scheduling'},
      {id: 'maxWait', label: 'Max wait'},
      {id: 'timeout', label: 'Timeout'},
    ],
    claims: [
      {path: new RegExp(`^${POOL}\\.machineSpec\\.machineType$`), field: 'machineType'},
      {path: new RegExp(`^${POOL}\\.machineSpec\\.accelerator(Type|Count)$`), field: 'accelerator'},
      {path: new RegExp(`^${POOL}\\.machineSpec\\.tpuTopology$`), field: 'tpuTopology'},
      {path: new RegExp(`^${POOL}\\.machineSpec`), field: 'machineType'},
      {path: new RegExp(`^${POOL}\\.diskSpec\\.bootDiskSizeGb$`), field: 'diskSize'},
      {path: new RegExp(`^${POOL}\\.diskSpec`), field: 'disk'},
      {path: /^scheduling\.maxWaitDuration$/, field: 'maxWait'},
      {path: /^scheduling\./, field: 'scheduling'},
      {path: /^timeout$/, field: 'timeout'},
    ],
    summary: (draft) => {
      const machine = draft.workerPools[0]?.machine;
      if (!machine) return 'no primary pool';
      const accelerator = machine.acceleratorType
        ? ` + ${machine.acceleratorCount ?? 1}× ${machine.acceleratorType}`
        : '';
      return `${machine.machineType}${accelerator}`;
    },
  },
  {
    id: 'pools',
    title: 'Worker pools',
    kind: 'pools',
    when: custom,
    fields: [
      {id: 'pools', label: 'Pools'},
      {id: 'replicas', label: 'Replicas'},
    ],
    claims: [
      {path: new RegExp(`^${POOL}\\.replicaCount$`), field: 'replicas'},
      {path: new RegExp(`^(${POOL})?$|^workerPools$`), field: 'pools'},
    ],
    summary: (draft) => {
      const replicas = usedPools(draft).reduce(
        (sum, index) => sum + (draft.workerPools[index]?.replicaCount ?? 0),
        0,
      );
      return `${usedPools(draft).length} pools · ${replicas} replicas`;
    },
  },
  {
    id: 'study',
    title: 'Study',
    kind: 'table',
    when: (draft) =>
      draft.workflow === 'hyperparameter-tuning-job' ||
      (draft.workflow === 'training-pipeline' && custom(draft) && draft.study !== undefined),
    fields: [
      {id: 'metrics', label: 'Metrics'},
      {id: 'parameters', label: 'Parameters'},
      {id: 'algorithm', label: 'Algorithm'},
      {id: 'trials', label: 'Trials'},
    ],
    claims: [
      {path: /^studySpec\.metrics/, field: 'metrics'},
      {path: /^studySpec\.parameters/, field: 'parameters'},
      {path: /^studySpec\.(algorithm|measurementSelectionType)/, field: 'algorithm'},
      {path: /^(maxTrialCount|parallelTrialCount|maxFailedTrialCount)$/, field: 'trials'},
      {path: /^studySpec$/, field: 'parameters'},
    ],
    summary: (draft) =>
      draft.study
        ? `${draft.study.parameters.length} parameters · ${draft.study.maxTrialCount} trials`
        : '',
  },
  {
    id: 'options',
    title: 'Options',
    kind: 'form',
    when: () => true,
    fields: [
      {id: 'displayName', label: 'Display name'},
      {id: 'labels', label: 'Labels'},
      {id: 'baseOutputDirectory', label: 'Base output directory'},
      {id: 'serviceAccount', label: 'Service account'},
      {id: 'network', label: 'Network'},
      {id: 'webAccess', label: 'Web access'},
      {id: 'tensorboard', label: 'TensorBoard'},
      {id: 'encryption', label: 'Encryption key'},
      {id: 'modelDisplayName', label: 'Model name'},
    ],
    claims: [
      {path: /^displayName$/, field: 'displayName'},
      {path: /^labels/, field: 'labels'},
      {path: /^baseOutputDirectory/, field: 'baseOutputDirectory'},
      {path: /^serviceAccount$/, field: 'serviceAccount'},
      {path: /^network$/, field: 'network'},
      {path: /^enable(Web|Dashboard)Access$/, field: 'webAccess'},
      {path: /^tensorboard$/, field: 'tensorboard'},
      {path: /^encryptionSpec/, field: 'encryption'},
      {path: /^modelToUpload/, field: 'modelDisplayName'},
    ],
    summary: (draft) => draft.displayName,
  },
  {
    id: 'review',
    title: 'Review',
    kind: 'review',
    when: () => true,
    fields: [],
    claims: [],
    summary: () => '',
  },
];

const BY_ID = new Map(STEPS.map((step) => [step.id, step]));

export function stepById(id: StepId): StepDef {
  return BY_ID.get(id)!;
}

/** The steps that apply to the draft, in order. */
export function visibleSteps(draft: JobDraft): StepDef[] {
  return STEPS.filter((step) => step.when(draft));
}

/** The step after `id` that applies (the review is last), e.g. for enter. */
export function stepAfter(draft: JobDraft, id: StepId): StepId {
  const visible = visibleSteps(draft);
  const index = visible.findIndex((step) => step.id === id);
  return visible[Math.min(index + 1, visible.length - 1)]?.id ?? 'review';
}

/** The step before `id` that applies, or undefined on the first (esc then leaves the wizard). */
export function stepBefore(draft: JobDraft, id: StepId): StepId | undefined {
  const visible = visibleSteps(draft);
  const index = visible.findIndex((step) => step.id === id);
  if (index <= 0) return undefined;
  return visible[index - 1]?.id;
}

/** Rules whose fix is a choice on another step than their path suggests. */
const RULE_STEPS: Record<string, {step: StepId; field: string}> = {
  // "switch the workflow to hyperparameter tuning, or remove the study"
  'study-unused': {step: 'workflow', field: 'workflow'},
  // "switch the workflow to training pipeline"
  'automl-workflow': {step: 'workflow', field: 'workflow'},
};

export interface ProblemLocation {
  step: StepId;
  field: string;
  /** The worker pool (0–3) for per-pool steps. */
  pool?: number;
}

/** The step and field where the user fixes a problem; the review when nothing claims it. */
export function locateProblem(problem: Pick<Problem, 'path' | 'rule'>): ProblemLocation {
  const byRule = RULE_STEPS[problem.rule];
  if (byRule) return byRule;
  const pool = /^workerPools\[(\d+)\]/.exec(problem.path)?.[1];
  for (const step of STEPS) {
    const claim = step.claims.find((c) => c.path.test(problem.path));
    if (claim)
      return {
        step: step.id,
        field: claim.field,
        // Job-wide fields of a per-pool step (timeout, scheduling) live on the primary's page.
        ...(step.perPool && {pool: pool === undefined ? 0 : Number(pool)}),
      };
  }
  return {step: 'review', field: 'other'};
}

/** The problems a step (and, for per-pool steps, one pool) shows next to its fields. */
export function problemsOfStep(
  problems: readonly Problem[],
  step: StepId,
  pool?: number,
): (Problem & ProblemLocation)[] {
  return problems
    .map((problem) => ({...problem, ...locateProblem(problem)}))
    .filter(
      (p) => p.step === step && (pool === undefined || p.pool === undefined || p.pool === pool),
    );
}

export interface BreadcrumbItem {
  id: StepId;
  title: string;
  summary: string;
  current: boolean;
  errors: number;
}

/** The side panel / breadcrumb: every applicable step, its choice so far and its open errors. */
export function breadcrumb(
  draft: JobDraft,
  current: StepId,
  problems: readonly Problem[],
): BreadcrumbItem[] {
  const located = problems.filter((p) => p.severity === 'error').map((p) => locateProblem(p).step);
  return visibleSteps(draft).map((step) => ({
    id: step.id,
    title: step.title,
    summary: step.summary(draft),
    current: step.id === current,
    errors: located.filter((id) => id === step.id).length,
  }));
}

/** Pools a per-pool step is shown for. */
export function poolsOfStep(draft: JobDraft, step: StepId): number[] {
  return stepById(step).perPool ? usedPools(draft) : [];
}
