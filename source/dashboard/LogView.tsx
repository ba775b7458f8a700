// Renders only the lines that fit: the newest when following, or a scrolled window. Lines are
// sliced before React sees them, so a long log costs no layout work.
import {Box, Text} from 'ink';
import React from 'react';
import {severityColor, theme} from '../app/theme.js';
import type {EngineStatus} from '../logs/job-log-engine.js';
import type {LineStore} from '../logs/line-store.js';
import {safeText} from '../text/safe-text.js';
import {styledSpans} from '../text/sgr-spans.js';

/** A trainer's line: its own colours kept (SGR only), every other control made visible. */
function Message({text, color, width}: {text: string; color: string | undefined; width: number}) {
  let room = width;
  const spans = [];
  for (const span of styledSpans(text)) {
    if (room <= 0) break;
    const shown = [...span.text].slice(0, room).join('');
    room -= [...shown].length;
    spans.push({...span, text: shown});
  }
  return (
    <>
      {spans.map((span, index) => (
        <Text key={index} {...span.style} {...(!span.style.color && color && {color})}>
          {span.text}
        </Text>
      ))}
    </>
  );
}

export interface LogViewProps {
  store: LineStore;
  height: number;
  width: number;
  /** Lines hidden below the window (0 when following the tail). */
  offsetFromEnd: number;
  replicaColors: Map<string, string>;
  status: EngineStatus;
}

export function LogView({
  store,
  height,
  width,
  offsetFromEnd,
  replicaColors,
  status,
}: LogViewProps) {
  const rows = Math.max(1, height - 1);
  const end = Math.max(0, store.length - offsetFromEnd);
  const visible = store.slice(Math.max(0, end - rows), end);
  const prefixWidth = Math.max(8, ...visible.map((line) => line.replica.length)) + 3;
  const notes = [
    offsetFromEnd > 0 ? `paused, ${offsetFromEnd} newer lines (f to follow)` : 'following',
    `stream ${status.state}${status.detail ? `: ${safeText(status.detail)}` : ''}`,
    store.evicted > 0 ? `${store.evicted} oldest lines evicted from memory` : '',
    status.suppressed > 0 ? `${status.suppressed} suppressed by the server, re-read` : '',
  ].filter(Boolean);
  return (
    <Box flexDirection="column" height={height}>
      <Text color={theme.text.muted} wrap="truncate-end">
        ── logs ({store.received}) · {notes.join(' · ')}
      </Text>
      {visible.map((line) => (
        <Text key={line.insertId} wrap="truncate-end">
          <Text color={replicaColors.get(line.replica) ?? theme.text.muted}>
            {`[${safeText(line.replica)}]`.padEnd(prefixWidth)}
          </Text>
          <Message text={line.message} color={severityColor(line.severity)} width={width} />
        </Text>
      ))}
    </Box>
  );
}
