// "Why it failed": the replica, exit code and termination reason from job.error, what it means and
// the next step, and the last lines of that replica's traceback (T jumps to it in the logs).
import {Box, Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import type {LogLine} from '../../../services/vertex/log-line.js';
import {safeText} from '../../../core/text/safe-text.js';
import type {FailureReport} from './failure.js';

export function failurePanelHeight(report: FailureReport, traceback: LogLine[] | undefined) {
  return 2 + (report.explanation ? 1 : 0) + (traceback ? Math.min(3, traceback.length) + 1 : 0);
}

export function FailurePanel({
  report,
  traceback,
}: {
  report: FailureReport;
  traceback: LogLine[] | undefined;
}) {
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
      <Text color={theme.status.error} wrap="truncate-end">
        {'  '}
        {safeText(report.summary)}
      </Text>
      {report.explanation ? (
        <Text color={theme.status.warning} wrap="truncate-end">
          {'  → '}
          {report.explanation}
        </Text>
      ) : null}
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
