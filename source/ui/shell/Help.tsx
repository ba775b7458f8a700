// The `?` help: every key of the screen on top, generated from the keymap (so it can never
// disagree with the bindings), with the reason beside each action that does not apply now and a
// note when read-only mode hides actions. A line wider than the terminal wraps under its
// description (a narrow terminal shows all of it rather than cutting it mid-word).
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {wrapLines} from '../../core/text/wrap-lines.js';
import {useKeyLayer, useKeyRouter} from './keys/key-dispatcher.js';
import {keySpecLabel} from './keys/key-spec.js';
import type {Keymap, Scope} from './keys/keymap.js';
import {theme} from './theme.js';
import {isListMove, moveScroll} from './list-cursor.js';
import {useScreenSize} from './screen-context.js';

const SCOPE_TITLES: Partial<Record<Scope, string>> = {
  jobs: 'Job list',
  resources: 'Persistent resources',
  dashboard: 'Job dashboard',
  wizard: 'Wizard',
  nav: 'Moving around',
  global: 'Everywhere',
};

interface HelpLine {
  text: string;
  /** Where a key line's description starts (its wrapped rows start there too). */
  indent?: number;
  color?: string;
  bold?: boolean;
}

export function helpLines(
  keymap: Keymap,
  scope: Scope,
  disabled: Partial<Record<string, string>>,
  readOnly: boolean,
): HelpLine[] {
  const lines: HelpLine[] = [];
  const shadowed = new Set<string>();
  for (const group of [scope, 'nav', 'global'] as Scope[]) {
    const inGroup = keymap.helpOrder(group);
    if (inGroup.length === 0) continue;
    lines.push({text: SCOPE_TITLES[group] ?? group, bold: true, color: theme.text.heading});
    for (const binding of inGroup) {
      // A screen key that shadows a `nav` one (enter = open) hides the nav meaning here.
      const keys = binding.keys.filter((key) => !shadowed.has(key));
      if (keys.length === 0) continue;
      if (group === scope) binding.keys.forEach((key) => shadowed.add(key));
      const label = keys.map(keySpecLabel).join(' / ').padEnd(14);
      if (readOnly && binding.mutates) {
        lines.push({
          text: `  ${label} ${binding.description} — hidden: read-only mode`,
          indent: label.length + 3,
          color: theme.text.muted,
        });
        continue;
      }
      const reason = disabled[binding.command];
      lines.push(
        reason
          ? {
              text: `  ${label} ${binding.description} — not now: ${reason}`,
              indent: label.length + 3,
              color: theme.text.muted,
            }
          : {
              text: `  ${label} ${binding.description}${binding.dangerous ? ' ⚠' : ''}`,
              indent: label.length + 3,
            },
      );
    }
  }
  if (readOnly)
    lines.push({
      text: 'Read-only mode (--read-only): every action that changes something is hidden.',
      color: theme.status.warning,
    });
  lines.push({
    text: 'Keys can be changed in the settings file: {"keys": {"jobs.cancel": "X"}}',
    color: theme.text.muted,
  });
  return lines;
}

/** A help line as rows of the terminal's width; a key line's rows continue under its description. */
export function wrapHelpLine(line: HelpLine, columns: number): HelpLine[] {
  const indent = line.indent ?? 0;
  const head = line.text.slice(0, indent);
  return wrapLines(line.text.slice(indent), columns - indent).map((text, index) => ({
    ...line,
    text: (index === 0 ? head : ' '.repeat(indent)) + text,
  }));
}

export function Help({onClose}: {onClose(): void}) {
  const router = useKeyRouter();
  const {columns, rows} = useScreenSize();
  const screen = router.activeScreen;
  const [lines] = useState(() =>
    helpLines(router.keymap, screen?.scope ?? 'nav', screen?.disabled ?? {}, router.readOnly),
  );
  const shown = useMemo(
    () => lines.flatMap((line) => wrapHelpLine(line, columns)),
    [lines, columns],
  );
  const [top, setTop] = useState(0);
  const height = Math.max(3, rows - 1);
  useKeyLayer('help', ({command}) => {
    if (command === 'help.close') onClose();
    else if (isListMove(command)) setTop((t) => moveScroll(t, command, shown.length, height));
    return true;
  });
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text bold color={theme.text.heading}>
        Keys{shown.length > height ? <Text color={theme.text.muted}> (↑/↓ to scroll)</Text> : null}
      </Text>
      {shown.slice(top, top + height).map((line, index) => (
        <Text
          key={top + index}
          wrap="truncate-end"
          {...(line.color && {color: line.color})}
          bold={line.bold ?? false}
        >
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
