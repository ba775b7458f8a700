// A vertical choice list driven by commands from the key dispatcher. Disabled options stay visible
// with the reason, so the user learns what exists and why it cannot be picked yet.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';

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

export function SelectList<T>({
  choices,
  cursor,
  height = Number.POSITIVE_INFINITY,
}: {
  choices: readonly Choice<T>[];
  cursor: number;
  /** Lines available; longer lists scroll with the cursor. */
  height?: number;
}) {
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
            <Text color={theme.selection.marker}>{selected ? '❯ ' : '  '}</Text>
            <Text
              color={disabled ? theme.text.muted : selected ? theme.text.accent : undefined}
              bold={selected}
            >
              {choice.label}
            </Text>
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
