// The four worker-pool slots with their roles: ↑/↓ select a slot, ←/→ change its replicas, a adds
// a pool there, x removes it, r adds a Reduction Server pool; the CLUSTER_SPEC preview shows what
// the selected pool's first replica receives. Machines and code per pool are set in the compute
// and container steps (p switches pool there).
import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import {moveCursor} from '../../shell/list-cursor.js';
import {theme} from '../../shell/theme.js';
import type {Catalog, JobDraft, Problem} from '../../../core/job-spec/index.js';
import {ProblemLine} from './ProblemLine.js';
import {
  addPool,
  clusterSpecPreview,
  poolRole,
  removePool,
  setReplicas,
  withReductionServer,
} from './pools-model.js';
import {problemsOfStep} from './step-model.js';

/** Vertex's four worker-pool slots. */
const POOL_SLOTS = 4;

export function PoolsStep({
  draft,
  catalog,
  problems,
  width,
  onChange,
  onNext,
  onBack,
  onCommon,
}: {
  onCommon: (command: string) => boolean;
  draft: JobDraft;
  catalog: Catalog;
  problems: readonly Problem[];
  width: number;
  onChange: (draft: JobDraft) => void;
  onNext: () => void;
  onBack: () => void;
}) {
  const [slot, setSlot] = useState(1);
  const pool = draft.workerPools[slot];
  useCommands(
    (command) => {
      if (onCommon(command)) return;
      if (command === 'nav.up' || command === 'nav.down')
        setSlot(moveCursor(slot, command, {count: POOL_SLOTS, page: 1}));
      else if (command === 'value.increase' && pool)
        onChange(setReplicas(draft, slot, pool.replicaCount + 1));
      else if (command === 'value.decrease' && pool)
        onChange(setReplicas(draft, slot, pool.replicaCount - 1));
      else if (command === 'wizard.add') onChange(addPool(draft, slot));
      else if (command === 'wizard.delete') onChange(removePool(draft, slot));
      else if (command === 'wizard.reductionServer') {
        onChange(withReductionServer(draft, catalog));
        setSlot(2);
      } else if (command === 'nav.confirm') onNext();
      else if (command === 'nav.back') onBack();
    },
    {
      hints: [
        'value.increase',
        'wizard.add',
        'wizard.delete',
        'wizard.reductionServer',
        'nav.confirm',
      ],
      disabled: {
        ...(slot === 0 && {
          'value.increase': 'the primary pool always has exactly one replica',
          'wizard.delete': 'the primary pool is required',
        }),
        ...(pool && slot !== 0 && {'wizard.add': 'this slot already has a pool'}),
      },
    },
  );
  const mine = problemsOfStep(problems, 'pools');
  return (
    <Box flexDirection="column">
      {[0, 1, 2, 3].map((index) => {
        const p = draft.workerPools[index];
        const selected = index === slot;
        return (
          <Text
            key={index}
            color={selected ? theme.text.accent : p ? undefined : theme.text.muted}
            wrap="truncate-end"
          >
            {selected ? '❯ ' : '  '}
            {`workerpool${index}`.padEnd(12)}
            {poolRole(index).padEnd(18)}
            {p ? `${p.replicaCount} × ${p.machine.machineType}` : '— (a: add)'}
            {p &&
            index === 2 &&
            p.task.kind === 'container' &&
            p.task.imageUri.includes('reductionserver')
              ? ' · Reduction Server'
              : ''}
          </Text>
        );
      })}
      {mine.map((problem, i) => (
        <ProblemLine key={i} problem={problem} />
      ))}
      <Text color={theme.text.muted}>
        Workers start with the primary&apos;s machine and code; change them in the compute and
        container steps.
      </Text>
      {pool ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.text.heading}>CLUSTER_SPEC of {`workerpool${slot}-0`}:</Text>
          <Text wrap="wrap">
            {clusterSpecPreview(draft, slot).slice(0, Math.max(40, width * 3))}
          </Text>
        </Box>
      ) : null}
      <Text color={theme.text.muted}>Continue with enter.</Text>
    </Box>
  );
}
