// A form step: labelled fields, each with its problems right under it. ↑/↓ move, ←/→ change a
// choice, enter edits a text field (typed through the text-field key layer, so q or j are text)
// or opens a choice's list filtered by typing; the last row continues to the next step. This is
// the view: input is use-form-step.ts, state form-state.ts.
import {Box, Text} from 'ink';
import React from 'react';
import {TextField} from '../../shell/TextField.js';
import {theme} from '../../shell/theme.js';
import type {Problem} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import {ProblemLine, problemRows} from './ProblemLine.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import {problemsOfStep} from './step-model.js';
import {shownValue} from './steps/field-kit.js';
import {useFormStep, type FormStepInput} from './use-form-step.js';

export interface FormStepProps extends FormStepInput {
  problems: readonly Problem[];
  width: number;
  height: number;
  /** Rows drawn above the fields (e.g. the pool selector). */
  header?: React.ReactNode;
  /** Extra rows drawn after the fields (e.g. a table). */
  footer?: React.ReactNode;
}

const LABEL_WIDTH = 24;

/**
 * The fields to draw in `height` rows: all when they fit; else a window that holds the focused
 * field (`at`; fields.length is "Continue"), with a row each for "↑ n more" / "↓ n more" and
 * the "Continue" row always drawn.
 */
export function fitWindow(
  rows: readonly number[],
  at: number,
  height: number,
): {first: number; last: number} {
  const total = rows.reduce((sum, r) => sum + r, 0) + 1;
  if (total <= height || rows.length === 0) return {first: 0, last: rows.length - 1};
  const focus = Math.min(at, rows.length - 1);
  const room = Math.max(1, height - 1 - 2); // Continue, and the two "more" rows
  let first = focus;
  let last = focus;
  let used = rows[focus] ?? 1;
  // Grow downwards first (what follows the focus), then upwards.
  for (let grew = true; grew;) {
    grew = false;
    if (last + 1 < rows.length && used + (rows[last + 1] ?? 1) <= room) {
      last++;
      used += rows[last] ?? 1;
      grew = true;
    }
    if (first > 0 && used + (rows[first - 1] ?? 1) <= room) {
      first--;
      used += rows[first] ?? 1;
      grew = true;
    }
  }
  return {first, last};
}

export function FormStep({
  step,
  draft,
  ctx,
  problems,
  width,
  height,
  focusField,
  header,
  onChange,
  onNext,
  onBack,
  onCommand,
  footer,
  extraFields = [],
  extraHints = [],
}: FormStepProps) {
  const {fields, at, editing, pickOptions, dispatch, submitText, submitPick} = useFormStep({
    step,
    draft,
    ctx,
    ...(focusField !== undefined && {focusField}),
    onChange,
    onNext,
    onBack,
    ...(onCommand && {onCommand}),
    extraFields,
    extraHints,
  });
  const mine = problemsOfStep(problems, step, ctx.pool);
  // In an open list: why the highlighted option cannot be taken (or why enter refused it).
  const pickReason =
    editing?.kind === 'pick' ? (editing.error ?? pickOptions[editing.cursor]?.disabled) : undefined;

  const valueWidth = Math.max(10, width - LABEL_WIDTH - 2);
  const listRows = Math.max(3, height - fields.length - 4);
  // The rows each field takes (label, hint, note, problems, an open list), so a form taller than
  // the screen shows a window around the focused field instead of losing its bottom rows.
  const textRows = (text: string) => wrapLines(text, Math.max(10, width - 4)).length;
  const fieldRows = fields.map((f, index) => {
    const focused = index === at;
    const note = f.note?.(draft, ctx);
    const own = mine.filter((p) => (f.owns ? f.owns(p, draft) : p.field === f.id));
    let rows = 1 + (note ? textRows(note) : 0);
    for (const p of own) rows += problemRows(p, Math.max(10, width - 4)).length;
    if (focused && editing?.kind === 'pick')
      rows +=
        Math.max(1, Math.min(listRows, pickOptions.length)) +
        (pickReason ? textRows(` ✖ ${pickReason}`) : 0);
    else if (focused && editing?.kind === 'text' && editing.error) rows += 1;
    else if (focused && !editing && f.hint) rows += 1;
    return rows;
  });
  const window =
    header || footer ? {first: 0, last: fields.length - 1} : fitWindow(fieldRows, at, height);
  const above = window.first;
  const below = fields.length - 1 - window.last;
  return (
    <Box flexDirection="column">
      {header}
      {above > 0 ? <Text color={theme.text.muted}> ↑ {above} more above</Text> : null}
      {fields.map((f, index) => {
        if (index < window.first || index > window.last) return null;
        const focused = index === at;
        const own = mine.filter((p) => (f.owns ? f.owns(p, draft) : p.field === f.id));
        const note = f.note?.(draft, ctx);
        return (
          <Box key={`${f.id}-${f.kind}`} flexDirection="column">
            <Box>
              <Box width={LABEL_WIDTH} flexShrink={0}>
                <Text color={focused ? theme.text.accent : theme.text.muted} wrap="truncate-end">
                  {focused ? '❯ ' : '  '}
                  {f.label}
                </Text>
              </Box>
              {focused && editing?.kind === 'text' ? (
                <TextField
                  state={editing.state}
                  width={valueWidth}
                  onChange={(state) => dispatch({type: 'text', state})}
                  onSubmit={submitText}
                  onCancel={() => dispatch({type: 'close'})}
                />
              ) : focused && editing?.kind === 'pick' ? (
                <TextField
                  state={editing.filter}
                  width={valueWidth}
                  placeholder="type to filter"
                  onChange={(filter) => dispatch({type: 'filter', filter})}
                  onSubmit={submitPick}
                  onCancel={() => dispatch({type: 'close'})}
                />
              ) : (
                <Text wrap="truncate-end">
                  {safeText(shownValue(f, draft, ctx)) || <Text color={theme.text.muted}>—</Text>}
                  {focused && f.kind === 'choice' ? (
                    <Text color={theme.text.muted}> ‹ ›</Text>
                  ) : null}
                </Text>
              )}
            </Box>
            {focused && (editing?.kind === 'text' ? editing.error : pickReason) ? (
              <Text color={theme.status.error}>
                {' '}
                ✖ {safeText((editing?.kind === 'text' ? editing.error : pickReason) ?? '')}
              </Text>
            ) : null}
            {focused && editing?.kind === 'pick' ? (
              <Box flexDirection="column" marginLeft={4}>
                {pickOptions
                  .slice(
                    Math.max(0, editing.cursor - listRows + 1),
                    Math.max(0, editing.cursor - listRows + 1) + listRows,
                  )
                  .map((option) => (
                    <Text
                      key={option.value}
                      wrap="truncate-end"
                      color={
                        option.disabled
                          ? theme.text.muted
                          : option === pickOptions[editing.cursor]
                            ? theme.text.accent
                            : undefined
                      }
                    >
                      {option === pickOptions[editing.cursor] ? '❯ ' : '  '}
                      {safeText(option.label)}
                      {option.disabled ? ` (${safeText(option.disabled)})` : ''}
                    </Text>
                  ))}
                {pickOptions.length === 0 ? (
                  <Text color={theme.text.muted}>nothing matches</Text>
                ) : null}
              </Box>
            ) : null}
            {focused && !editing && f.hint ? (
              <Text color={theme.text.muted} wrap="truncate-end">
                {'    '}
                {f.hint}
              </Text>
            ) : null}
            {note ? (
              <Box marginLeft={4}>
                <Text wrap="wrap" color={theme.status.info}>
                  {wrapLines(safeText(note), Math.max(10, width - 4)).join('\n')}
                </Text>
              </Box>
            ) : null}
            {own.map((problem, i) => (
              <Box key={`${problem.rule}${i}`} marginLeft={4}>
                <ProblemLine problem={problem} width={Math.max(10, width - 4)} />
              </Box>
            ))}
          </Box>
        );
      })}
      {below > 0 ? <Text color={theme.text.muted}> ↓ {below} more below</Text> : null}
      <Text color={at === fields.length ? theme.text.accent : theme.text.muted}>
        {at === fields.length ? '❯ ' : '  '}Continue →
      </Text>
      {footer}
    </Box>
  );
}
