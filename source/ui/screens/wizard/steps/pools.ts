// The Worker pools step: the four slots (primary, workers, parameter servers or Reduction Server,
// evaluators) and their replica counts. Its screen is PoolsStep.tsx; pools-model.ts edits the draft.
import {usedPools} from '../pools-model.js';
import {defineStep, isCustom, plural, POOL_PATH} from './field-kit.js';

export const poolsStep = defineStep({
  id: 'pools',
  title: 'Worker pools',
  kind: 'pools',
  when: isCustom,
  fields: [],
  parts: ['pools', 'replicas'],
  claims: [
    {path: new RegExp(`^${POOL_PATH}\\.replicaCount$`), field: 'replicas'},
    {path: new RegExp(`^(${POOL_PATH})?$|^workerPools$`), field: 'pools'},
  ],
  summary: (draft) => {
    const replicas = usedPools(draft).reduce(
      (sum, index) => sum + (draft.workerPools[index]?.replicaCount ?? 0),
      0,
    );
    return `${plural(usedPools(draft).length, 'pool')} · ${plural(replicas, 'replica')}`;
  },
});
