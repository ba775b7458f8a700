// A choice step (training type, workflow): one list, enter chooses, a disabled choice says why it
// cannot be chosen yet; the step's problems show under the list. State: choice-state.ts.
import {Box, Text} from 'ink';
import React, {useReducer} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import {theme} from '../../shell/theme.js';
import type {Problem} from '../../../core/job-spec/index.js';
import {ProblemLine} from './ProblemLine.js';
import {choiceReducer, confirmChoice, initialChoiceState} from './choice-state.js';
import {SelectList, type Choice} from './SelectList.js';

export interface ChoiceStepProps {
  /** This step's problems, shown under the list. */
  problems: readonly Problem[];
  choices: Choice<string>[];
  selected: string;
  height: number;
  /** Columns available (long descriptions wrap when the list still fits). */
  width?: number;
  onChoose(value: string): void;
  onBack(): void;
  onCommon(command: string): boolean;
}

export function ChoiceStep({
  choices,
  selected,
  height,
  width,
  problems,
  onChoose,
  onBack,
  onCommon,
}: ChoiceStepProps) {
  const [{cursor, notice}, dispatch] = useReducer(choiceReducer, undefined, () =>
    initialChoiceState(choices, selected),
  );
  useCommands(
    (command) => {
      if (onCommon(command)) return;
      if (command === 'nav.up' || command === 'nav.down')
        dispatch({type: 'move', move: command, count: choices.length});
      else if (command === 'nav.confirm') {
        const result = confirmChoice(choices, cursor);
        if (result && 'notice' in result) dispatch({type: 'refuse', notice: result.notice});
        else if (result) onChoose(result.value);
      } else if (command === 'nav.back') onBack();
    },
    {hints: ['nav.confirm', 'nav.up', 'wizard.next', 'nav.back']},
  );
  return (
    <Box flexDirection="column">
      <SelectList
        choices={choices}
        cursor={cursor}
        height={height - 1 - problems.length}
        {...(width !== undefined && {width})}
      />
      {notice ? <Text color={theme.status.warning}>{notice}</Text> : null}
      {problems.map((problem, i) => (
        <ProblemLine key={`${problem.rule}${i}`} problem={problem} />
      ))}
    </Box>
  );
}
