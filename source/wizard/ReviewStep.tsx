// The last step: problems found early, the exact CreateCustomJob request, and the gcloud command
// that would do the same. Enter submits unless there is an error.
import {Box, Text} from 'ink';
import React, {useMemo, useState} from 'react';
import {useCommands} from '../app/key-dispatcher.js';
import {theme} from '../app/theme.js';
import {safeText} from '../text/safe-text.js';
import {
  buildCreateCustomJobRequest,
  errorsOf,
  gcloudCreateCommand,
  needsConfigFile,
  stagedPackageNote,
  validateDraft,
  type Catalog,
  type JobDraft,
} from '../job-spec/index.js';

export function ReviewStep({
  draft,
  catalog,
  today,
  height,
  width,
  submitting,
  submitError,
  onSubmit,
  onBack,
}: {
  draft: JobDraft;
  catalog: Catalog;
  today: Date;
  height: number;
  width: number;
  submitting: string | undefined;
  submitError: string | undefined;
  onSubmit: () => void;
  onBack: () => void;
}) {
  const problems = useMemo(() => validateDraft(draft, today, {catalog}), [draft, today, catalog]);
  const requestLines = useMemo(
    () => JSON.stringify(buildCreateCustomJobRequest(draft), null, 2).split('\n'),
    [draft],
  );
  const command = useMemo(() => gcloudCreateCommand(draft), [draft]);
  const configNote = needsConfigFile(draft);
  const packageNote = stagedPackageNote(draft);
  const [scroll, setScroll] = useState(0);
  const blocked = errorsOf(problems).length > 0;
  // Everything must fit the screen: an overflowing frame scrolls the header away and flickers.
  // Word wrapping can cost a few extra rows, so the command gets one spare row.
  const commandRows = Math.ceil(command.length / Math.max(20, width)) + 1;
  const noteRows = packageNote ? Math.ceil((packageNote.length + 2) / Math.max(20, width)) : 0;
  const fixedRows = problems.length + 3 + commandRows + noteRows + (submitError ? 2 : 0);
  const visibleRows = Math.max(3, height - fixedRows);
  useCommands(
    (command) => {
      if (submitting) return;
      if (command === 'nav.down' || command === 'nav.pageDown')
        setScroll((s) =>
          Math.min(
            s + (command === 'nav.down' ? 1 : visibleRows),
            Math.max(0, requestLines.length - visibleRows),
          ),
        );
      else if (command === 'nav.up' || command === 'nav.pageUp')
        setScroll((s) => Math.max(0, s - (command === 'nav.up' ? 1 : visibleRows)));
      else if (command === 'nav.confirm' && !blocked) onSubmit();
      else if (command === 'nav.back') onBack();
    },
    {hints: ['nav.confirm', 'nav.back', 'nav.down']},
  );
  return (
    <Box flexDirection="column">
      {problems.map((problem) => (
        <Text
          key={problem.field + problem.message}
          color={problem.severity === 'error' ? theme.status.error : theme.status.warning}
          wrap="truncate-end"
        >
          {problem.severity === 'error' ? '✖' : '⚠'} {safeText(problem.field)}:{' '}
          {safeText(problem.message)} → {safeText(problem.fix)}
        </Text>
      ))}
      <Text color={theme.text.heading}>
        Request (CreateCustomJob){' '}
        {requestLines.length > visibleRows
          ? `lines ${scroll + 1}-${Math.min(scroll + visibleRows, requestLines.length)} of ${requestLines.length}, ↑↓ scroll`
          : ''}
      </Text>
      <Box flexDirection="column" height={visibleRows} overflow="hidden">
        {requestLines.slice(scroll, scroll + visibleRows).map((line, index) => (
          <Text key={index} wrap="truncate-end">
            {safeText(line)}
          </Text>
        ))}
      </Box>
      <Text color={theme.text.heading}>
        Equivalent gcloud command{configNote ? ` (${configNote})` : ''}
      </Text>
      <Text wrap="wrap" color={theme.text.accent}>
        {safeText(command)}
      </Text>
      {packageNote ? <Text wrap="wrap">({packageNote})</Text> : null}
      {submitting ? <Text color={theme.status.info}>{submitting}</Text> : null}
      {submitError ? <Text color={theme.status.error}>Submit failed: {submitError}</Text> : null}
      {!submitting && !blocked ? (
        <Text color={theme.status.success}>Press enter to submit.</Text>
      ) : null}
    </Box>
  );
}
