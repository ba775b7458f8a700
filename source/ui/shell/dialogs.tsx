// The shell's standard dialogs, opened as overlays: a confirmation (dangerous actions ask first,
// naming what they act on), a one-line prompt, and a scrollable text view (describe as YAML).
import {Box, Text} from 'ink';
import React, {useCallback, useState} from 'react';
import {safeText} from '../../core/text/safe-text.js';
import {useKeyLayer, useKeymap} from './keys/key-dispatcher.js';
import {isListMove, moveScroll} from './list-cursor.js';
import {theme} from './theme.js';
import {useOverlays} from './overlays.js';
import {useScreenSize} from './screen-context.js';
import {TextField} from './TextField.js';
import {textState} from './text-edit.js';

export interface ConfirmOptions {
  title: string;
  message?: string;
  confirmLabel: string;
  dangerous?: boolean;
}

function ConfirmDialog({
  options,
  onAnswer,
}: {
  options: ConfirmOptions;
  onAnswer(yes: boolean): void;
}) {
  useKeyLayer('confirm', ({command}) => {
    if (command === 'confirm.yes') onAnswer(true);
    else if (command === 'confirm.no') onAnswer(false);
    return true;
  });
  const keymap = useKeymap();
  const color = options.dangerous ? theme.status.error : theme.text.accent;
  return (
    <Box borderStyle="round" borderColor={color} flexDirection="column" paddingX={1}>
      <Text bold color={color} wrap="truncate-end">
        {safeText(options.title)}
      </Text>
      {options.message ? <Text wrap="wrap">{safeText(options.message)}</Text> : null}
      <Text color={theme.text.muted}>
        {keymap.keyLabel('confirm.yes')} {options.confirmLabel} · {keymap.keyLabel('confirm.no')}{' '}
        keep it as it is
      </Text>
    </Box>
  );
}

/** `confirm(options)` resolves to true only when the user said yes. */
export function useConfirm(): (options: ConfirmOptions) => Promise<boolean> {
  const overlays = useOverlays();
  return useCallback(
    (options) =>
      new Promise<boolean>((resolve) => {
        const rows = 4 + (options.message ? Math.ceil(options.message.length / 70) : 0);
        overlays.open({
          kind: 'dock',
          rows,
          render: (close) => (
            <ConfirmDialog
              options={options}
              onAnswer={(yes) => {
                close();
                resolve(yes);
              }}
            />
          ),
        });
      }),
    [overlays],
  );
}

export interface PromptOptions {
  label: string;
  initial?: string;
  placeholder?: string;
  /** Why the last answer was refused: shown above the field, which holds that answer again. */
  error?: string;
}

function PromptDialog({
  options,
  onDone,
}: {
  options: PromptOptions;
  onDone(value: string | undefined): void;
}) {
  const [state, setState] = useState(() => textState(options.initial ?? ''));
  const {columns} = useScreenSize();
  return (
    <Box
      borderStyle="round"
      borderColor={options.error ? theme.status.error : theme.border.focused}
      paddingX={1}
      flexDirection="column"
    >
      {options.error && (
        <Text color={theme.status.error} wrap="truncate-end">
          {safeText(options.error)}
        </Text>
      )}
      <Box>
        <Text color={theme.text.accent}>{options.label} </Text>
        <TextField
          state={state}
          onChange={setState}
          onSubmit={(value) => onDone(value)}
          onCancel={() => onDone(undefined)}
          width={Math.max(10, columns - options.label.length - 6)}
          modal
          {...(options.placeholder && {placeholder: options.placeholder})}
        />
      </Box>
    </Box>
  );
}

/** `prompt(options)` resolves to the text entered, or undefined when cancelled with esc. */
export function usePrompt(): (options: PromptOptions) => Promise<string | undefined> {
  const overlays = useOverlays();
  return useCallback(
    (options) =>
      new Promise<string | undefined>((resolve) => {
        overlays.open({
          kind: 'dock',
          rows: options.error ? 4 : 3,
          render: (close) => (
            <PromptDialog
              options={options}
              onDone={(value) => {
                close();
                resolve(value);
              }}
            />
          ),
        });
      }),
    [overlays],
  );
}

export interface TextViewOptions {
  title: string;
  text: string;
}

function TextView({options, onClose}: {options: TextViewOptions; onClose(): void}) {
  const {columns, rows} = useScreenSize();
  const keymap = useKeymap();
  const [lines] = useState(() => safeText(options.text, {multiline: true}).split('\n'));
  const [top, setTop] = useState(0);
  const height = Math.max(3, rows - 2);
  useKeyLayer('textview', ({command}) => {
    if (command === 'overlay.close') onClose();
    else if (isListMove(command)) setTop((t) => moveScroll(t, command, lines.length, height));
    return true;
  });
  const end = Math.min(lines.length, top + height);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="truncate-end">
        <Text bold color={theme.text.heading}>
          {safeText(options.title)}
        </Text>
        <Text color={theme.text.muted}>
          {'  '}lines {lines.length ? top + 1 : 0}–{end} of {lines.length} · ↑/↓ pgup/pgdn g/G ·{' '}
          {keymap.keyLabel('overlay.close')} close
        </Text>
      </Text>
      <Box flexDirection="column" height={height}>
        {lines.slice(top, end).map((line, index) => (
          <Text key={top + index} wrap="truncate-end">
            {line || ' '}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

/** Shows a scrollable, terminal-safe text (a job described as YAML, a long error). */
export function useTextView(): (options: TextViewOptions) => void {
  const overlays = useOverlays();
  return useCallback(
    (options) => {
      overlays.open({
        kind: 'full',
        render: (close) => <TextView options={options} onClose={close} />,
      });
    },
    [overlays],
  );
}
