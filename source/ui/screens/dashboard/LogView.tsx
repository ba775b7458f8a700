// The log pane: a one-line toggle bar (follow, all vs selected replica, wrap, timestamps, minimum
// severity, search, stream state and counts), then the window of lines the dashboard computed.
// Each line: time, a coloured replica prefix, the text in its severity colour; a trainer's own
// colours survive only as SGR through styledSpans; search matches are shown inverse.
import {Box, Text} from 'ink';
import React from 'react';
import {severityColor, theme} from '../../shell/theme.js';
import type {EngineStatus} from '../../../services/logs/job-log-engine.js';
import {cursorIso, type LogLine} from '../../../services/vertex/log-line.js';
import {safeText} from '../../../core/text/safe-text.js';
import terminalTextWidth from '../../../core/text/terminal-text-width.js';
import {styledSpans, type StyledSpan} from '../../../core/text/sgr-spans.js';
import {globalCopy} from '../../../core/text/user-pattern.js';
import {jsonOf, payloadExtras, prettyJsonRows} from './json-payload.js';

export interface LogToggles {
  follow: boolean;
  /** undefined: all replicas. */
  replica?: string;
  wrap: boolean;
  timestamps: boolean;
  /** JSON entries laid out as indented JSON (otherwise one line each). */
  prettyJson: boolean;
  minSeverity: string;
  search?: {text: string; regex?: RegExp; error?: string};
}

export interface LogViewProps {
  lines: readonly LogLine[];
  height: number;
  width: number;
  replicaColors: ReadonlyMap<string, string>;
  toggles: LogToggles;
  status: EngineStatus;
  received: number;
  evicted: number;
  /** The line a jump (error, match, traceback) landed on. */
  mark?: string;
  atTop: boolean;
  newerBelow: boolean;
}

type Span = StyledSpan & {inverse?: boolean};

function highlight(spans: StyledSpan[], regex: RegExp | undefined): Span[] {
  if (!regex) return spans;
  const global = globalCopy(regex);
  const out: Span[] = [];
  for (const span of spans) {
    let last = 0;
    for (const match of span.text.matchAll(global)) {
      if (!match[0]) continue;
      if (match.index > last) out.push({...span, text: span.text.slice(last, match.index)});
      out.push({...span, text: match[0], inverse: true});
      last = match.index + match[0].length;
    }
    if (last < span.text.length) out.push({...span, text: span.text.slice(last)});
  }
  return out;
}

/**
 * Cuts spans into rows of `width` characters (one row, cut, unless wrapping). Wrapped rows start
 * `indent` columns in, under the text rather than under the replica prefix.
 */
function rows(spans: Span[], width: number, wrap: boolean, indent = 0): Span[][] {
  const result: Span[][] = [[]];
  const hang = Math.min(indent, Math.floor(width / 2));
  let room = width;
  for (const span of spans) {
    let chars = [...span.text];
    while (chars.length > 0) {
      if (room === 0) {
        if (!wrap) return result;
        result.push(hang > 0 ? [{text: ' '.repeat(hang), style: {}}] : []);
        room = width - hang;
      }
      const taken = chars.slice(0, room);
      result[result.length - 1]!.push({...span, text: taken.join('')});
      room -= taken.length;
      chars = chars.slice(taken.length);
    }
  }
  return result;
}

function lineRows(line: LogLine, props: LogViewProps, prefixWidth: number): Span[][] {
  const {toggles, width, replicaColors} = props;
  const time = toggles.timestamps ? `${cursorIso(line).slice(11, 23)} ` : '';
  const color = severityColor(line.severity);
  const prefix: Span[] = [
    ...(time ? [{text: time, style: {color: theme.text.muted}}] : []),
    {
      text: `[${safeText(line.replica)}]`.padEnd(prefixWidth),
      style: {color: replicaColors.get(line.replica) ?? theme.text.muted},
    },
  ];
  const cut = Math.max(10, width);
  const prefixColumns = prefix.reduce((sum, span) => sum + [...span.text].length, 0);
  const json = toggles.prettyJson ? jsonOf(line) : undefined;
  if (json !== undefined) {
    // The first row carries the prefix; the others are indented under it.
    const indent = ' '.repeat(prefixColumns);
    return prettyJsonRows(json).flatMap((row, index) =>
      rows(
        [
          {text: index === 0 ? '' : indent, style: {}},
          ...(index === 0 ? prefix : []),
          {text: row.indent, style: {}},
          ...highlight(
            [
              ...(row.key ? [{text: row.key, style: {color: theme.text.accent}}] : []),
              {text: row.value, style: color ? {color} : {}},
            ],
            toggles.search?.regex,
          ),
        ],
        cut,
        toggles.wrap,
        prefixColumns + row.indent.length,
      ),
    );
  }
  const extras = payloadExtras(line);
  const message = highlight(
    styledSpans(line.message).map((span) => ({
      ...span,
      style: {...span.style, ...(!span.style.color && color && {color})},
    })),
    toggles.search?.regex,
  );
  return rows(
    [
      ...prefix,
      ...message,
      ...(extras
        ? highlight([{text: ` ${extras}`, style: {color: theme.text.muted}}], toggles.search?.regex)
        : []),
    ],
    cut,
    toggles.wrap,
    prefixColumns,
  );
}

/** The first parts that fit in `room` columns, joined by ` · `, with `…` when some are left out. */
function fitParts(parts: string[], room: number): string[] {
  const width = (list: string[]) => terminalTextWidth(list.join(' · '));
  if (width(parts) <= room) return parts;
  const kept = [...parts];
  while (kept.length > 1 && width([...kept, '…']) > room) kept.pop();
  return [...kept, '…'];
}

function ToggleBar(props: LogViewProps) {
  const {toggles, status} = props;
  const on = (value: boolean) => (value ? 'on' : 'off');
  const search = toggles.search
    ? [
        toggles.search.error
          ? `search: ${safeText(toggles.search.error)}`
          : `/${safeText(toggles.search.text)}`,
      ]
    : [];
  const parts = [
    toggles.follow ? 'following' : props.newerBelow ? 'paused (f follows)' : 'at the end',
    // The search is state the user set and may forget: it goes before the settings that give way.
    ...search,
    toggles.replica ? `only ${safeText(toggles.replica)}` : 'all replicas',
    `wrap ${on(toggles.wrap)}`,
    `time ${on(toggles.timestamps)}`,
    `json ${toggles.prettyJson ? 'pretty' : 'one line'}`,
    `≥ ${toggles.minSeverity}`,
  ];
  const stream = [
    `stream ${status.state}${status.detail ? ` (${safeText(status.detail)})` : ''}`,
    `${props.received} lines`,
    ...(status.olderAvailable && status.state !== 'connecting' ? ['older not read (g)'] : []),
    ...(props.evicted > 0 ? [`${props.evicted} oldest evicted (memory cap)`] : []),
    ...(status.suppressed > 0 ? [`${status.suppressed} suppressed, re-read`] : []),
    ...(status.reconnects > 0 ? [`${status.reconnects} reconnects`] : []),
    ...(status.late > 0 ? [`${status.late} late`] : []),
  ];
  // On a narrow terminal the toggles give way first, whole and from the last (a `…` says so): the
  // stream's state and counts stay readable, and no toggle is cut mid-word.
  const streamText = ` ── ${stream.join(' · ')}`;
  const shown = fitParts(parts, props.width - terminalTextWidth(streamText) - 3);
  return (
    <Box width={props.width}>
      <Box flexShrink={100}>
        <Text wrap="truncate-end" color={theme.text.accent}>
          ── {shown.join(' · ')}
        </Text>
      </Box>
      <Box flexShrink={1}>
        <Text wrap="truncate-end" color={theme.text.muted}>
          {' '}
          ── {stream.join(' · ')}
        </Text>
      </Box>
    </Box>
  );
}

export function LogView(props: LogViewProps) {
  const {lines, height, mark} = props;
  const body = Math.max(1, height - 1);
  const prefixWidth = Math.max(8, ...lines.map((line) => line.replica.length + 2)) + 1;
  // Lay out from the bottom so the newest line is always whole when wrapping.
  const laidOut: {key: string; spans: Span[]; marked: boolean}[] = [];
  for (let index = lines.length - 1; index >= 0 && laidOut.length < body; index--) {
    const line = lines[index]!;
    const rowsOfLine = lineRows(line, props, prefixWidth);
    for (let row = rowsOfLine.length - 1; row >= 0 && laidOut.length < body; row--)
      laidOut.push({
        key: `${line.insertId}:${row}`,
        spans: rowsOfLine[row]!,
        marked: line.insertId === mark,
      });
  }
  laidOut.reverse();
  const empty = lines.length === 0;
  return (
    <Box flexDirection="column" height={height}>
      <ToggleBar {...props} />
      {empty ? (
        <Text color={theme.text.muted}>
          {props.status.state === 'ended' ? 'No log lines match.' : 'Waiting for log lines…'}
        </Text>
      ) : null}
      {laidOut.map((row) => (
        <Text key={row.key} wrap="truncate-end" {...(row.marked && {backgroundColor: '#303030'})}>
          {row.spans.map((span, index) => (
            <Text key={index} {...span.style} {...(span.inverse && {inverse: true})}>
              {span.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
