// "Why it failed": the replica, exit code and termination reason from job.error, what it means and
// the next step, and the last lines of that replica's traceback (T jumps to it in the logs). Given
// its width, the summary and the next step wrap onto a second row each (at 80 columns Vertex's
// message and the advice were cut mid-sentence); the traceback lines stay one row each.
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import type {LogLine} from '../../../services/vertex/log-line.js';
import {safeText} from '../../../core/text/safe-text.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';
import {codeErrorStep, type FailureContext, type FailureReport} from './failure.js';

/** Rows each of the summary and the next step may take. */
const TEXT_ROWS = 2;

/** `prefix` + `text` in at most TEXT_ROWS rows of `width` (one row, cut, when no width). */
function textRows(prefix: string, text: string, width: number | undefined): string[] {
  if (width === undefined) return [prefix + text];
  const rows = wrapLines(prefix + text, width, ' '.repeat(prefix.length));
  if (rows.length <= TEXT_ROWS) return rows;
  // The last row shown ends in … (Ink cuts it at the edge when it is still too long).
  return [...rows.slice(0, TEXT_ROWS - 1), `${rows[TEXT_ROWS - 1]!.trimEnd()}…`];
}

function panelText(
  report: FailureReport,
  traceback: boolean,
  width: number | undefined,
  context: FailureContext,
) {
  const next = report.codeError ? codeErrorStep(context, traceback) : report.explanation;
  return {
    summary: textRows('  ', safeText(report.summary), width),
    explanation: next ? textRows('  → ', next, width) : [],
  };
}

export function failurePanelHeight(
  report: FailureReport,
  traceback: LogLine[] | undefined,
  width?: number,
  context: FailureContext = 'logs',
) {
  const {summary, explanation} = panelText(report, Boolean(traceback), width, context);
  return (
    1 + summary.length + explanation.length + (traceback ? Math.min(3, traceback.length) + 1 : 0)
  );
}

export function FailurePanel({
  report,
  traceback,
  width,
  context = 'logs',
}: {
  report: FailureReport;
  traceback: LogLine[] | undefined;
  /** Columns available: the summary and the next step wrap (failurePanelHeight, same width). */
  width?: number;
  /** Where it is shown, for the next step it offers (the keys differ). */
  context?: FailureContext;
}) {
  const {summary, explanation} = panelText(report, Boolean(traceback), width, context);
  const facts = [
    report.replica ? `replica ${report.replica}` : undefined,
    report.exitCode !== undefined ? `exit code ${report.exitCode}` : undefined,
    report.terminationReason ? `reason ${safeText(report.terminationReason)}` : undefined,
  ].filter(Boolean);
  return (
    <Box flexDirection="column">
      <Text color={theme.status.error} bold wrap="truncate-end">
        ✗ Why it failed{facts.length ? `: ${facts.join(' · ')}` : ''}
      </Text>
      {summary.map((row, index) => (
        <Text key={`s${index}`} color={theme.status.error} wrap="truncate-end">
          {row}
        </Text>
      ))}
      {explanation.map((row, index) => (
        <Text key={`e${index}`} color={theme.status.warning} wrap="truncate-end">
          {row}
        </Text>
      ))}
      {traceback ? (
        <>
          <Text color={theme.text.muted} wrap="truncate-end">
            {'  '}last traceback of {safeText(traceback[0]!.replica)} (T shows it in the logs):
          </Text>
          {traceback.slice(-3).map((line) => (
            <Text key={line.insertId} color={theme.status.error} wrap="truncate-end">
              {'    '}
              {safeText(line.message)}
            </Text>
          ))}
        </>
      ) : null}
    </Box>
  );
}
