// The wizard's persistent-resource choice without Ink: which resources the job fits and why the
// others do not (machine/accelerators/disk equal a pool's, replicas at most its capacity and free
// machines, RUNNING, network and CMEK consistent: cloud.google.com/vertex-ai/docs/training/
// persistent-resource-train, custom_job.proto CustomJobSpec.persistent_resource_id), the options
// with "none" first and "another" last, the note, the field's value, and the review's problem
// once the job no longer fits the chosen resource.
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG, type JobDraft} from '../../../source/core/job-spec/index.js';
import {persistentResourceFit} from '../../../source/services/vertex/persistent-resource-match.js';
import {formReducer} from '../../../source/ui/screens/wizard/form-state.js';
import {
  resourceNote,
  resourceOptions,
  resourceProblems,
  TYPED,
  type ResourceListing,
} from '../../../source/ui/screens/wizard/resource-list.js';
import {cycleChoice, type ChoiceField} from '../../../source/ui/screens/wizard/steps/field-kit.js';
import {RESOURCE_FIELDS} from '../../../source/ui/screens/wizard/steps/options-resource.js';
import {textState} from '../../../source/ui/shell/text-edit.js';
import {baseDraft, packagePool} from '../job-spec/fixtures.js';

const PARENT = 'projects/my-project/locations/us-central1';
const resource = (id: string, pools: Record<string, unknown>[], extra = {}) => ({
  name: `${PARENT}/persistentResources/${id}`,
  state: 'RUNNING',
  resourcePools: pools,
  ...extra,
});
const pool = (machineType: string, replicaCount: string, usedReplicaCount = '0', extra = {}) => ({
  id: machineType.startsWith('a2') ? 'gpu' : 'cpu',
  machineSpec: {machineType},
  replicaCount,
  usedReplicaCount,
  ...extra,
});
/** A primary and `workers` workers on `machineType`. */
function job(machineType = 'n1-standard-4', workers = 2, overrides: Partial<JobDraft> = {}) {
  const on = (replicaCount: number) => ({
    ...packagePool(),
    machine: {machineType},
    replicaCount,
  });
  return baseDraft({workerPools: [on(1), on(workers)], ...overrides});
}
const ready = (...resources: Record<string, unknown>[]): ResourceListing => ({
  state: 'ready',
  parent: PARENT,
  resources,
});

const WARM = resource('warm', [pool('n1-standard-4', '3')]);
const SMALL = resource('small', [pool('n1-standard-4', '2')]);
const BUSY = resource('busy', [pool('n1-standard-4', '3', '1')]);
const GPU = resource('gpu', [
  pool('a2-highgpu-1g', '2', '0', {
    machineSpec: {
      machineType: 'a2-highgpu-1g',
      acceleratorType: 'NVIDIA_TESLA_A100',
      acceleratorCount: 1,
    },
  }),
]);
const STARTING = {...resource('starting', [pool('n1-standard-4', '3')]), state: 'PROVISIONING'};

describe('persistentResourceFit: why a job does not fit', () => {
  it('fits when every used pool has a pool of its machine and disk with free machines', () => {
    expect(
      persistentResourceFit(WARM, [{machine: {machineType: 'n1-standard-4'}, replicaCount: 3}]),
    ).toEqual({fits: true});
  });

  it('names each reason, the worker pool, and a fix', () => {
    const reason = (r: Record<string, unknown>, draft = job()) => {
      const need = draft.workerPools.map(
        (p) =>
          p && {
            machine: p.machine,
            replicaCount: p.replicaCount,
            ...(p.bootDiskType && {bootDiskType: p.bootDiskType}),
          },
      );
      return persistentResourceFit(r, need, {
        ...(draft.network && {network: draft.network}),
        ...(draft.encryptionKeyName && {kmsKeyName: draft.encryptionKeyName}),
      });
    };
    expect(reason(STARTING)).toMatchObject({
      fits: false,
      kind: 'state',
      reason: /PROVISIONING; jobs run only on a RUNNING/,
    });
    expect(reason(GPU)).toMatchObject({
      kind: 'machine',
      workerPool: 0,
      reason:
        'no pool of n1-standard-4 (disk pd-ssd) for workerpool0; it has gpu a2-highgpu-1g + 1×NVIDIA_TESLA_A100 (disk pd-ssd)',
    });
    // 1 + 2 replicas on a pool of 2: the workers do not fit beside the primary, ever.
    expect(reason(SMALL)).toMatchObject({
      kind: 'size',
      workerPool: 1,
      reason:
        "workerpool1 needs 2 machine(s), pool cpu holds 2 and the job's other worker pools take 1",
      fix: /at most 1 replica\(s\) in workerpool1/,
    });
    expect(reason(resource('tiny', [pool('n1-standard-4', '1')]))).toMatchObject({
      kind: 'size',
      workerPool: 1,
      reason:
        "workerpool1 needs 2 machine(s), pool cpu holds 1 and the job's other worker pools take 1",
      fix: 'the job needs more machines than pool cpu holds: choose another resource or none',
    });
    expect(reason(BUSY)).toMatchObject({
      kind: 'busy',
      reason:
        "workerpool1 needs 2 machine(s), pool cpu has 1 of 3 free (running jobs hold 1, the job's other worker pools take 1)",
    });
    // The disk type is part of the match (pd-ssd when unset on either side).
    const hdd = job();
    hdd.workerPools[0] = {...hdd.workerPools[0]!, bootDiskType: 'pd-standard'};
    expect(reason(WARM, hdd)).toMatchObject({
      kind: 'machine',
      reason: /n1-standard-4 \(disk pd-standard\) for workerpool0/,
    });
    // Network and CMEK: both set and different is inconsistent; unset on either side is not judged.
    const onNet = {...WARM, network: 'projects/1/global/networks/a'};
    expect(
      reason(onNet, job(undefined, 2, {network: 'projects/1/global/networks/b'})),
    ).toMatchObject({kind: 'network'});
    expect(reason(onNet)).toEqual({fits: true});
    const keyed = {...WARM, encryptionSpec: {kmsKeyName: 'k1'}};
    expect(reason(keyed, job(undefined, 2, {encryptionKeyName: 'k2'}))).toMatchObject({
      kind: 'cmek',
      fix: /use the key k1/,
    });
    expect(reason(keyed, job(undefined, 2, {encryptionKeyName: 'k1'}))).toEqual({fits: true});
    // Autoscaling: max_replica_count is the capacity.
    expect(
      reason(
        resource('auto', [
          pool('n1-standard-4', '1', '0', {
            autoscalingSpec: {minReplicaCount: '1', maxReplicaCount: '4'},
          }),
        ]),
      ),
    ).toEqual({fits: true});
  });
});

describe('the options of the choice', () => {
  it('none first, then the resources the job fits, then the others with why, then "another"', () => {
    const options = resourceOptions(job(), ready(GPU, WARM, BUSY));
    expect(options.map((o) => o.value)).toEqual(['', 'warm', 'gpu', 'busy', TYPED]);
    expect(options[1]).toEqual({value: 'warm', label: 'warm · cpu n1-standard-4 0/3 used'});
    expect(options[2]).toMatchObject({
      label: 'gpu · gpu a2-highgpu-1g + 1×NVIDIA_TESLA_A100 0/2 used',
      disabled: /^not offered: no pool of n1-standard-4/,
    });
    expect(options[3]?.disabled).toMatch(
      /^not offered: workerpool1 needs 2 machine\(s\), pool cpu has 1 of 3 free/,
    );
    // Re-evaluated for the job as it is now: on the A100 machine, gpu fits and warm does not.
    const a100 = job('a2-highgpu-1g', 1);
    a100.workerPools = a100.workerPools.map(
      (p) =>
        p && {
          ...p,
          machine: {
            machineType: 'a2-highgpu-1g',
            acceleratorType: 'NVIDIA_TESLA_A100',
            acceleratorCount: 1,
          },
        },
    ) as JobDraft['workerPools'];
    expect(
      resourceOptions(a100, ready(GPU, WARM, BUSY))
        .filter((o) => !o.disabled)
        .map((o) => o.value),
    ).toEqual(['', 'gpu', TYPED]);
  });

  it('says while loading, why the list failed, when there is none, and how many fit', () => {
    const draft = job();
    expect(resourceNote(draft, {state: 'loading', parent: PARENT})).toBe(
      `listing the persistent resources of ${PARENT}…`,
    );
    expect(
      resourceNote(draft, {
        state: 'failed',
        parent: PARENT,
        message: 'permission denied',
        next: 'ask for roles/aiplatform.viewer',
      }),
    ).toBe(
      `could not list the persistent resources of ${PARENT}: permission denied → ask for roles/aiplatform.viewer; or type an id`,
    );
    expect(resourceNote(draft, ready())).toMatch(
      /has no persistent resources → create one \(P on the job list\), or type an id/,
    );
    expect(resourceNote(draft, ready(WARM, GPU, BUSY))).toBe(
      `1 of 3 persistent resources in ${PARENT} fit this job; enter lists why the others do not`,
    );
    expect(resourceNote(draft, ready(WARM))).toBe(
      `1 of 1 persistent resources in ${PARENT} fit this job`,
    );
    expect(resourceNote(draft, undefined)).toBeUndefined();
  });
});

describe('the field: a choice with none by default, or a typed id', () => {
  const ctx = {
    catalog: BUILTIN_CATALOG,
    today: '2026-01-01',
    pool: 0,
    persistentResources: ready(WARM, GPU),
  };
  const choice = RESOURCE_FIELDS[0] as ChoiceField;
  const shown = (draft: JobDraft, c = ctx) =>
    RESOURCE_FIELDS.filter((f) => f.when?.(draft, c) ?? true).map((f) => `${f.id}:${f.kind}`);

  it('shows the choice when there is a list, the typed id when chosen, a text field when there is no list', () => {
    const draft = job();
    expect(shown(draft)).toEqual(['persistentResourceId:choice']);
    expect(choice.get(draft, ctx)).toBe('');
    const picked = choice.set(draft, 'warm', ctx);
    expect(picked.persistentResourceId).toBe('warm');
    expect(choice.set(picked, '', ctx).persistentResourceId).toBeUndefined();
    const typing = choice.set(draft, TYPED, ctx);
    expect(typing.persistentResourceId).toBe('');
    expect(shown(typing)).toEqual(['persistentResourceId:choice', 'persistentResourceTyped:text']);
    const typed = {...draft, persistentResourceId: 'elsewhere'};
    expect(choice.get(typed, ctx)).toBe(TYPED);
    expect(choice.set(typed, TYPED, ctx).persistentResourceId).toBe('elsewhere');
    for (const listing of [undefined, {state: 'loading', parent: PARENT} as const, ready()])
      expect(shown(draft, {...ctx, persistentResources: listing as never})).toEqual([
        'persistentResourceId:text',
      ]);
    // A tuning job or pipeline of custom training has it too; AutoML not.
    expect(shown(job(undefined, 2, {trainingType: 'automl'}))).toEqual([]);
  });

  it('←/→ skip the resources the job does not fit; enter on one keeps the list open with why', () => {
    const draft = job();
    const next = cycleChoice(choice, draft, ctx, 1);
    expect(next.persistentResourceId).toBe('warm');
    // From warm, gpu (not offered) is skipped: next is "another".
    expect(choice.get(cycleChoice(choice, next, ctx, 1), ctx)).toBe(TYPED);
    const open = {cursor: 0, editing: {kind: 'pick' as const, filter: textState(''), cursor: 2}};
    const refused = formReducer(open, {type: 'refuse', error: 'not offered: no pool'});
    expect(refused.editing).toMatchObject({kind: 'pick', cursor: 2, error: 'not offered: no pool'});
    expect(
      formReducer(refused, {type: 'pickMove', move: 'nav.up', count: 4}).editing,
    ).not.toHaveProperty('error');
  });
});

describe('the review: the chosen resource against the job as it is now', () => {
  it('nothing while it fits, or when no list was read', () => {
    expect(resourceProblems({...job(), persistentResourceId: 'warm'}, ready(WARM))).toEqual([]);
    expect(
      resourceProblems({...job('n1-highmem-8'), persistentResourceId: 'warm'}, undefined),
    ).toEqual([]);
    expect(resourceProblems(job(), ready(WARM))).toEqual([]);
  });

  it('an error naming the field, the rule and the fix once the machine or replicas change', () => {
    const [machine] = resourceProblems(
      {...job('n1-highmem-8'), persistentResourceId: 'warm'},
      ready(WARM),
    );
    expect(machine).toMatchObject({
      path: 'persistentResourceId',
      rule: 'persistent-resource-fit',
      severity: 'error',
      message:
        /^persistent resource warm does not fit this job: no pool of n1-highmem-8 \(disk pd-ssd\) for workerpool0; it has cpu n1-standard-4/,
      fix: /give workerpool0 the machine and disk of one of its pools \(Compute\), or choose another resource or none/,
    });
    const [size] = resourceProblems(
      {...job(undefined, 3), persistentResourceId: 'warm'},
      ready(WARM),
    );
    expect(size).toMatchObject({
      severity: 'error',
      message:
        /workerpool1 needs 3 machine\(s\), pool cpu holds 3 and the job's other worker pools take 1$/,
      fix: /use at most 2 replica\(s\) in workerpool1 \(Worker pools\)/,
    });
  });

  it('a warning when the pool is busy now, or the id is not in the list', () => {
    expect(
      resourceProblems({...job(), persistentResourceId: 'busy'}, ready(BUSY))[0],
    ).toMatchObject({severity: 'warning', fix: /submit when its jobs end/});
    expect(
      resourceProblems({...job(), persistentResourceId: 'gone'}, ready(WARM))[0],
    ).toMatchObject({
      severity: 'warning',
      message: /gone is not among those listed in projects\/my-project\/locations\/us-central1/,
    });
  });
});
