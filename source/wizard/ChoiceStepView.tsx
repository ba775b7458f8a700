import {Box, Text} from 'ink';
import React, {useState} from 'react';
import {useCommands} from '../app/key-dispatcher.js';
import type {Catalog, JobDraft} from '../job-spec/index.js';
import {moveCursor, SelectList} from './SelectList.js';
import type {ChoiceStep} from './steps.js';
import {theme} from '../app/theme.js';

export function ChoiceStepView({
  step,
  draft,
  onChoose,
  onBack,
  height,
  catalog,
  today,
}: {
  catalog: Catalog;
  today: Date;
  /** Lines available for the list and its notice. */
  height: number;
  step: ChoiceStep;
  draft: JobDraft;
  onChoose: (draft: JobDraft) => void;
  onBack: () => void;
}) {
  const choices = step.choices(draft, catalog, today);
  const [cursor, setCursor] = useState(() =>
    Math.max(
      0,
      choices.findIndex((c) => c.value === step.selected(draft, catalog)),
    ),
  );
  const [notice, setNotice] = useState<string | undefined>();
  useCommands(
    (command) => {
      if (command === 'nav.up' || command === 'nav.down') {
        setCursor((current) => moveCursor(current, command === 'nav.up' ? -1 : 1, choices.length));
        setNotice(undefined);
      } else if (command === 'nav.confirm') {
        const choice = choices[cursor];
        if (!choice) return;
        if (choice.disabledReason) setNotice(`${choice.label} is ${choice.disabledReason}.`);
        else onChoose(step.apply(draft, choice.value));
      } else if (command === 'nav.back') onBack();
    },
    {hints: ['nav.confirm', 'nav.back', 'nav.up']},
  );
  return (
    <Box flexDirection="column">
      <SelectList choices={choices} cursor={cursor} height={height - 1} />
      {notice ? <Text color={theme.status.warning}>{notice}</Text> : null}
    </Box>
  );
}
