// The one-line key hints at the bottom, generated from the keymap for what is on top (an overlay
// or the screen): actions that do not apply now or are hidden in read-only mode are left out.
// A short notice (why a key did nothing, "copied") shows on the right for a few seconds.
// `? help` is offered only when no overlay is on top: an overlay takes `?` itself (a text field
// types it, a dialog swallows it, the help closes on it), so the hint would promise a key that
// does nothing. When the hints do not fit, the screen's last ones give way (a `…` says so), never
// `? help` and `ctrl+c quit`: at 80 columns the help is where the dropped ones are found.
import {Box, Text} from 'ink';
import React from 'react';
import terminalTextWidth from '../../core/text/terminal-text-width.js';
import {useRouterState} from './keys/key-dispatcher.js';
import type {Command, Keymap} from './keys/keymap.js';
import {theme} from './theme.js';

export function hintText(
  keymap: Keymap,
  commands: readonly Command[],
  isShown: (command: Command) => boolean,
  helpReachable = true,
  columns = Number.POSITIVE_INFINITY,
): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const command of commands) {
    if (!isShown(command)) continue;
    const binding = keymap.binding(command);
    if (!binding) continue;
    const text = `${keymap.keyLabel(command)} ${binding.hint ?? binding.description}`;
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(text);
  }
  const always = [
    ...(helpReachable ? [`${keymap.keyLabel('app.help')} help`] : []),
    `${keymap.keyLabel('app.quit')} quit`,
  ];
  const fits = (shown: string[]) => terminalTextWidth(shown.join(' · ')) <= columns;
  if (fits([...parts, ...always])) return [...parts, ...always].join(' · ');
  while (parts.length > 0 && !fits([...parts, '…', ...always])) parts.pop();
  return [...parts, '…', ...always].join(' · ');
}

export function HintBar({columns}: {columns: number}) {
  const {hints, notice} = useRouterState((router) => {
    const overlay = router.topOverlay;
    const screen = router.activeScreen;
    const commands = overlay ? (overlay.hints ?? []) : (screen?.hints ?? []);
    const isShown = (command: Command) =>
      !router.isHidden(command) && !(screen && !overlay && screen.disabled[command]);
    return {
      hints: hintText(router.keymap, commands, isShown, !overlay, columns),
      notice: router.notice,
    };
  });
  // A notice says what just happened (saved, refused, …): when it and the hints do not both fit,
  // it takes the row for its few seconds rather than being squeezed out by the hints.
  if (notice && hints.length + 1 + notice.length > columns)
    return (
      <Box width={columns}>
        <Text color={theme.status.info} wrap="truncate-middle">
          {notice}
        </Text>
      </Box>
    );
  return (
    <Box width={columns} justifyContent="space-between">
      <Text color={theme.text.muted} wrap="truncate-end">
        {hints}
      </Text>
      {notice ? (
        <Text color={theme.status.info} wrap="truncate-start">
          {' '}
          {notice}
        </Text>
      ) : null}
    </Box>
  );
}
