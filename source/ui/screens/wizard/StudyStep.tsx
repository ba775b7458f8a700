// The study step: metric and goal, algorithm and trial counts as form fields, then the parameter
// table, one editable row per parameter (enter edits, a adds, x deletes), and the flags each trial
// receives.
import {Text} from 'ink';
import React from 'react';
import {usePrompt} from '../../shell/dialogs.js';
import {theme} from '../../shell/theme.js';
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';
import {DEFAULT_STUDY} from './choice-steps.js';
import type {Field, FieldContext} from './fields.js';
import {FormStep} from './FormStep.js';
import {parameterRow, parseParameterRow, PARAMETER_SYNTAX, trialArgument} from './study-table.js';

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
  const rows: Field[] = study.parameters.map((parameter, index) => ({
    id: `parameter-${index}`,
    label: index === 0 ? 'Parameters' : '',
    kind: 'text',
    hint: PARAMETER_SYNTAX,
    owns: (problem) => problem.path.startsWith(`studySpec.parameters[${index}]`),
    get: () => parameterRow(parameter),
    set: (current, text) => {
      const parsed = parseParameterRow(text);
      if (typeof parsed === 'string') return parsed;
      const base = current.study ?? DEFAULT_STUDY;
      const parameters = base.parameters.map((p, i) =>
        i === index ? {...parsed, ...(p.conditions && {conditions: p.conditions})} : p,
      );
      return {...current, study: {...base, parameters}};
    },
  }));
  const header: Field = {
    id: 'parameters',
    label: study.parameters.length === 0 ? 'Parameters' : 'Parameter table',
    kind: 'choice',
    owns: (problem) => problem.path === 'studySpec.parameters' || problem.path === 'studySpec',
    options: () => [
      {value: '', label: `${study.parameters.length} rows · a: add · x: delete · enter: edit`},
    ],
    get: () => '',
    set: (current) => current,
  };
  return (
    <FormStep
      {...props}
      step="study"
      extraFields={[header, ...rows]}
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
