import {Box, Text} from 'ink';
import React from 'react';
import {keyLabel, type Command} from './keymap.js';
import {theme} from './theme.js';

export interface Hint {
  command: Command;
  label: string;
}

/** Footer of key hints, generated from the keymap so it can never disagree with the bindings. */
export function KeyHints({hints, status}: {hints: Hint[]; status?: React.ReactNode}) {
  return (
    <Box justifyContent="space-between">
      <Text color={theme.text.muted}>
        {hints.map((hint) => `${keyLabel(hint.command)} ${hint.label}`).join(' · ')} ·{' '}
        {keyLabel('app.quit')} quit
      </Text>
      {status}
    </Box>
  );
}
