// One validation problem under the thing it is about, as every step shows it: a mark by severity
// (✖ error, ⚠ warning), the message and the fix, wrapped, outside text made terminal-safe. Given
// its width, the rows are wrapped here (problemRows), so they continue under the message rather
// than one column off (Ink's wrap keeps the space it breaks at), and a form counts them exactly.
import {Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import type {Problem} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';
import {wrapLines} from '../../../core/text/wrap-lines.js';

function problemText(problem: Problem): string {
  const mark = problem.severity === 'error' ? '✖' : '⚠';
  return `${mark} ${safeText(problem.message)} → ${safeText(problem.fix)}`;
}

/** The rows a problem takes in `width` columns, continuing under its message. */
export function problemRows(problem: Problem, width: number): string[] {
  return wrapLines(problemText(problem), width, '  ');
}

export function ProblemLine({problem, width}: {problem: Problem; width?: number}) {
  const error = problem.severity === 'error';
  return (
    <Text wrap="wrap" color={error ? theme.status.error : theme.status.warning}>
      {width === undefined ? problemText(problem) : problemRows(problem, width).join('\n')}
    </Text>
  );
}
