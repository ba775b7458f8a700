import {Box, Text} from 'ink';
import React from 'react';
import {useCommands} from '../app/key-dispatcher.js';
import {theme} from '../app/theme.js';
import {POOL_ROLES, type JobDraft} from '../job-spec/index.js';
import {setWorkerReplicas} from './steps.js';

const MAX_WORKERS = 16;

/** Primary (always 1 replica) plus an adjustable worker pool. */
export function PoolsStep({
  draft,
  onChange,
  onNext,
  onBack,
}: {
  draft: JobDraft;
  onChange: (draft: JobDraft) => void;
  onNext: () => void;
  onBack: () => void;
}) {
  const workers = draft.workerPools[1]?.replicaCount ?? 0;
  useCommands(
    (command) => {
      if (command === 'value.increase' || command === 'nav.up')
        onChange(setWorkerReplicas(draft, Math.min(workers + 1, MAX_WORKERS)));
      else if (command === 'value.decrease' || command === 'nav.down')
        onChange(setWorkerReplicas(draft, Math.max(workers - 1, 0)));
      else if (command === 'nav.confirm') onNext();
      else if (command === 'nav.back') onBack();
    },
    {hints: ['value.increase', 'nav.confirm', 'nav.back']},
  );
  return (
    <Box flexDirection="column">
      {[0, 1, 2, 3]
        .map((index) => draft.workerPools[index])
        .map((pool, index) => (
          <Text key={index} color={pool ? undefined : theme.text.muted}>
            {`workerpool${index}`.padEnd(13)}
            {POOL_ROLES[index]?.padEnd(19)}
            {pool ? `${pool.replicaCount} × ${pool.machine.machineType}` : '—'}
            {index === 1 ? <Text color={theme.text.accent}> ← → to change</Text> : null}
          </Text>
        ))}
      <Text color={theme.text.muted}>The primary pool always has exactly one replica.</Text>
    </Box>
  );
}
