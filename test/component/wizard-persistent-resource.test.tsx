// The Options step's persistent resource: the region's resources read when the step opens (keys
// work while they load), those the job fits offered with their pools (machine, used/total), the
// others listed with why they are not, "none" by default and "another" to type an id; a failed
// list says why in one line and falls back to typing; the review judges the chosen resource
// against the job as it is now.
import {describe, expect, it, vi} from 'vitest';
import {exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import {ApiError, type ResourceMessage} from '../../source/services/vertex/api.js';
import {listResourcesForWizard} from '../../source/ui/screens/wizard/resource-list.js';
import {renderWizardAt80} from '../helpers/wizard-harness.js';

const ENTER = '\r';
const UP = '\u001B[A';
const DOWN = '\u001B[B';
const PARENT = 'projects/my-project/locations/us-central1';

const draft: JobDraft = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
});

const WARM = {
  name: `${PARENT}/persistentResources/warm`,
  state: 'RUNNING',
  resourcePools: [
    {
      id: 'cpu',
      machineSpec: {machineType: 'n1-standard-4'},
      replicaCount: '3',
      usedReplicaCount: '0',
    },
  ],
};
const GPU = {
  name: `${PARENT}/persistentResources/gpu`,
  state: 'RUNNING',
  resourcePools: [
    {
      id: 'a100',
      machineSpec: {
        machineType: 'a2-highgpu-1g',
        acceleratorType: 'NVIDIA_TESLA_A100',
        acceleratorCount: 1,
      },
      replicaCount: '2',
    },
  ],
};

function fakeList(answer: ResourceMessage[] | Error | 'never') {
  return vi.fn(async (parent: string) => {
    expect(parent).toBe(PARENT);
    if (answer === 'never') return new Promise<ResourceMessage[]>(() => {});
    if (answer instanceof Error) throw answer;
    return answer;
  });
}

function renderOptions(list: ReturnType<typeof fakeList>, start: JobDraft = draft) {
  return renderWizardAt80({
    initialDraft: start,
    initialPlace: {step: 'options', field: 'persistentResourceId'},
    listResources: (parent) => listResourcesForWizard({listPersistentResources: list}, parent),
  });
}

describe('options step: the persistent resource', () => {
  it('offers the resources the job fits, shows the others with why, and picks one', async () => {
    const list = fakeList([GPU, WARM]);
    const wizard = renderOptions(list);
    await wizard.waitFor(
      /1 of 2 persistent resources in projects\/my-project\/locations\/us-central1 fit this job; enter lists why the other does not/,
    );
    expect(wizard.flat()).toMatch(/❯ Persistent resource\s+none: the job gets its own machines/);
    await wizard.press(ENTER);
    await wizard.waitFor(/warm · cpu n1-standard-4 0\/3 used/);
    expect(wizard.flat()).toMatch(
      /gpu · a100 a2-highgpu-1g \+ 1×NVIDIA_TESLA_A100 0\/2 used \(not offered/,
    );
    // The one not offered says why when highlighted, and enter does not take it.
    await wizard.press(DOWN, DOWN);
    await wizard.waitFor(
      /✖ not offered: no pool of n1-standard-4 \(disk pd-ssd\) for workerpool0; it has a100 a2-highgpu-1g \+ 1×NVIDIA_TESLA_A100 \(disk pd-ssd\)/,
    );
    await wizard.press(ENTER);
    await wizard.waitFor(/type to filter/);
    await wizard.press(DOWN);
    await wizard.waitFor(/❯ another: type its id/);
    await wizard.press(UP, UP, ENTER);
    await wizard.waitFor(/Persistent resource\s+warm · cpu n1-standard-4 0\/3 used/);
    expect(list).toHaveBeenCalledTimes(1);
  });

  it('"another" takes a typed id', async () => {
    const wizard = renderOptions(fakeList([WARM]));
    await wizard.waitFor(/1 of 1 persistent resources/);
    await wizard.press(ENTER);
    for (const char of 'anoth') await wizard.press(char);
    await wizard.press(ENTER);
    await wizard.waitFor(/Resource id/);
    await wizard.press(DOWN, ENTER);
    for (const char of 'other-pool') await wizard.press(char);
    await wizard.press(ENTER);
    await wizard.waitFor(/Resource id\s+other-pool/);
    // Not in the list the step read: said, not refused (it may have been created since).
    await wizard.waitFor(/other-pool is not among those listed in projects\/my-project/);
  });

  it('keys work while the list loads: the id can be typed meanwhile', async () => {
    const wizard = renderOptions(fakeList('never'));
    await wizard.waitFor(
      /listing the persistent resources of projects\/my-project\/locations\/us-central1…/,
    );
    await wizard.press(ENTER);
    for (const char of 'typed-pool') await wizard.press(char);
    await wizard.press(ENTER);
    await wizard.waitFor(/Persistent resource\s+typed-pool/);
  });

  it('a failed list says why in one line and falls back to typing the id', async () => {
    const denied = new ApiError(
      '7 PERMISSION_DENIED: Permission aiplatform.persistentResources.list denied',
      7,
      "Permission 'aiplatform.persistentResources.list' denied on resource",
      {
        reason: 'IAM_PERMISSION_DENIED',
        errorInfoMetadata: {permission: 'aiplatform.persistentResources.list'},
      },
    );
    const wizard = renderOptions(fakeList(denied));
    await wizard.waitFor(
      /could not list the persistent resources of projects\/my-project\/locations\/us-central1:/,
    );
    expect(wizard.flat()).toMatch(/aiplatform\.persistentResources\.list/);
    expect(wizard.flat()).toMatch(/→ .+; or type an id/);
    expect(wizard.flat()).not.toMatch(/at .*\.js:\d+/);
    await wizard.press(ENTER);
    for (const char of 'warm') await wizard.press(char);
    await wizard.press(ENTER);
    await wizard.waitFor(/Persistent resource\s+warm/);
  });

  it('the review: a chosen resource the job no longer fits is an error naming the fix', async () => {
    const list = fakeList([WARM]);
    const bigger = {...draft, persistentResourceId: 'warm'};
    bigger.workerPools = [
      bigger.workerPools[0],
      {...bigger.workerPools[1]!, replicaCount: 3},
    ] as JobDraft['workerPools'];
    const wizard = renderWizardAt80({
      initialDraft: bigger,
      initialStep: -1,
      listResources: (parent) => listResourcesForWizard({listPersistentResources: list}, parent),
    });
    await wizard.waitFor(
      /persistent resource warm does not fit this job: workerpool1 needs 3 machine\(s\), pool cpu holds 3/,
    );
    expect(wizard.flat()).toMatch(/use at most 2 replica\(s\) in workerpool1 \(Worker pools\)/);
    await wizard.press(ENTER);
    expect(wizard.onSubmit).not.toHaveBeenCalled();
  });
});
