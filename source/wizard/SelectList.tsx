// A vertical choice list driven by commands from the key dispatcher. Disabled options stay visible
// with the reason, so the user learns what exists and why it cannot be picked yet.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../app/theme.js';

export interface Choice<T> {
  value: T;
  label: string;
  description?: string;
  disabledReason?: string;
}

export function SelectList<T>({choices, cursor}: {choices: readonly Choice<T>[]; cursor: number}) {
  return (
    <Box flexDirection="column">
      {choices.map((choice, index) => {
        const selected = index === cursor;
        const disabled = choice.disabledReason !== undefined;
        return (
          <Box key={choice.label}>
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
          </Box>
        );
      })}
    </Box>
  );
}

/** Moves a cursor, skipping nothing: disabled rows can be highlighted to read their reason. */
export function moveCursor(cursor: number, delta: number, length: number): number {
  return Math.min(Math.max(cursor + delta, 0), Math.max(length - 1, 0));
}
