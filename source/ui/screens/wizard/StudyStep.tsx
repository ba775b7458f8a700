// The study step's screen: its form fields, then the parameter table (steps/study.ts), one
// editable row per parameter (enter edits, a adds, x deletes), and the flags each trial receives.
import {Text} from 'ink';
import React from 'react';
import {usePrompt} from '../../shell/dialogs.js';
import {theme} from '../../shell/theme.js';
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';
import {FormStep} from './FormStep.js';
import type {FieldContext} from './steps/field-kit.js';
import {DEFAULT_STUDY, parameterFields} from './steps/study.js';
import {parseParameterRow, trialArgument} from './study-table.js';

export function StudyStep(props: {
  draft: JobDraft;
  ctx: FieldContext;
  problems: readonly Problem[];
  width: number;
  height: number;
  focusField?: string;
  onChange(draft: JobDraft): void;
  onNext(): void;
  onBack(): void;
  onNotice(text: string): void;
  onCommon(command: string): boolean;
}) {
  const {draft, onChange, onNotice} = props;
  const study = draft.study ?? DEFAULT_STUDY;
  const prompt = usePrompt();
  return (
    <FormStep
      {...props}
      step="study"
      extraFields={parameterFields(study)}
      onCommand={(command, focused) => {
        if (props.onCommon(command)) return true;
        if (command === 'wizard.add') {
          void prompt({label: 'New parameter:', placeholder: 'e.g. lr double 0.001 0.1 log'}).then(
            (text) => {
              if (text === undefined) return;
              const parsed = parseParameterRow(text);
              if (typeof parsed === 'string') return onNotice(parsed);
              onChange({...draft, study: {...study, parameters: [...study.parameters, parsed]}});
            },
          );
          return true;
        }
        if (command === 'wizard.delete' && focused?.startsWith('parameter-')) {
          const index = Number(focused.slice('parameter-'.length));
          onChange({
            ...draft,
            study: {...study, parameters: study.parameters.filter((_, i) => i !== index)},
          });
          return true;
        }
        return false;
      }}
      footer={
        study.parameters.length > 0 ? (
          <Text color={theme.text.muted} wrap="truncate-end">
            Each trial gets: {study.parameters.map(trialArgument).join(' ')}
          </Text>
        ) : (
          <Text color={theme.text.muted}>No parameters yet: press a to add one.</Text>
        )
      }
    />
  );
}
