// A vertical choice list driven by commands from the key dispatcher. Disabled options stay visible
// with the reason, so the user learns what exists and why it cannot be picked yet. Given its width,
// a description too long for its row goes on under itself when every choice still fits in the
// height (a narrow terminal reads each whole); otherwise each choice keeps one row, cut at the edge.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import terminalTextWidth from '../../../core/text/terminal-text-width.js';

export interface Choice<T> {
  value: T;
  label: string;
  description?: string;
  disabledReason?: string;
}

/**
 * The rows of a list to show in `height` lines with the cursor in view. When everything does not
 * fit, one line above and/or below says how many choices are hidden there.
 */
export function visibleWindow(
  length: number,
  cursor: number,
  height: number,
): {start: number; end: number; above: boolean; below: boolean} {
  if (length <= height) return {start: 0, end: length, above: false, below: false};
  const rows = Math.max(1, height - 2);
  const start = Math.min(Math.max(0, cursor - Math.floor(rows / 2)), length - rows);
  return {start, end: start + rows, above: start > 0, below: start + rows < length};
}

/** The text after a choice's label: its description, or why it is disabled. */
function detail(choice: Choice<unknown>): string | undefined {
  if (choice.disabledReason !== undefined) return `(${choice.disabledReason})`;
  return choice.description;
}

/** Each choice's detail as rows that start after `❯ label `, or undefined when they do not fit. */
function wrappedDetails(
  choices: readonly Choice<unknown>[],
  width: number | undefined,
  height: number,
): (string[] | undefined)[] | undefined {
  if (width === undefined) return undefined;
  const rows = choices.map((choice) => {
    const text = detail(choice);
    if (text === undefined) return undefined;
    const room = width - 2 - terminalTextWidth(choice.label) - 1;
    return room >= 20 ? wrapLines(text, room) : undefined;
  });
  const total = rows.reduce((sum, lines) => sum + (lines?.length ?? 1), 0);
  return total <= height && rows.some((lines) => (lines?.length ?? 1) > 1) ? rows : undefined;
}

export function SelectList<T>({
  choices,
  cursor,
  height = Number.POSITIVE_INFINITY,
  width,
}: {
  choices: readonly Choice<T>[];
  cursor: number;
  /** Lines available; longer lists scroll with the cursor. */
  height?: number;
  /** Columns available: long descriptions wrap when everything fits (see the header). */
  width?: number;
}) {
  const wrapped = wrappedDetails(choices, width, height);
  if (wrapped) return <WrappedList choices={choices} cursor={cursor} details={wrapped} />;
  const view = visibleWindow(choices.length, cursor, height);
  const shown = choices.slice(view.start, view.end);
  return (
    <Box flexDirection="column">
      {view.above ? <Text color={theme.text.muted}>{`  ↑ ${view.start} more`}</Text> : null}
      {shown.map((choice, offset) => {
        const selected = view.start + offset === cursor;
        const disabled = choice.disabledReason !== undefined;
        return (
          <Text key={choice.label} wrap="truncate-end">
            <ChoiceLabel label={choice.label} selected={selected} disabled={disabled} />
            {choice.description && !disabled ? (
              <Text color={theme.text.muted}> {choice.description}</Text>
            ) : null}
            {disabled ? <Text color={theme.text.muted}> ({choice.disabledReason})</Text> : null}
          </Text>
        );
      })}
      {view.below ? (
        <Text color={theme.text.muted}>{`  ↓ ${choices.length - view.end} more`}</Text>
      ) : null}
    </Box>
  );
}

/** A choice's marker and label, as both list layouts draw it. */
function ChoiceLabel({
  label,
  selected,
  disabled,
}: {
  label: string;
  selected: boolean;
  disabled: boolean;
}) {
  return (
    <>
      <Text color={theme.selection.marker}>{selected ? '❯ ' : '  '}</Text>
      <Text
        color={disabled ? theme.text.muted : selected ? theme.text.accent : undefined}
        bold={selected}
      >
        {label}
      </Text>
    </>
  );
}

/** Every choice, each detail on as many rows as it takes, under its first row's start. */
function WrappedList<T>({
  choices,
  cursor,
  details,
}: {
  choices: readonly Choice<T>[];
  cursor: number;
  details: readonly (string[] | undefined)[];
}) {
  return (
    <Box flexDirection="column">
      {choices.map((choice, index) => {
        const selected = index === cursor;
        const disabled = choice.disabledReason !== undefined;
        const [first, ...rest] = details[index] ?? [];
        const indent = ' '.repeat(2 + terminalTextWidth(choice.label) + 1);
        return (
          <Box key={choice.label} flexDirection="column">
            <Text wrap="truncate-end">
              <ChoiceLabel label={choice.label} selected={selected} disabled={disabled} />
              {first !== undefined ? <Text color={theme.text.muted}> {first}</Text> : null}
            </Text>
            {rest.map((row, offset) => (
              <Text key={offset} wrap="truncate-end" color={theme.text.muted}>
                {indent}
                {row}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}
