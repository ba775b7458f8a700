// One validation problem under the thing it is about, as every step shows it: a mark by severity
// (✖ error, ⚠ warning), the message and the fix, wrapped, outside text made terminal-safe.
import {Text} from 'ink';
import React from 'react';
import {theme} from '../../shell/theme.js';
import type {Problem} from '../../../core/job-spec/index.js';
import {safeText} from '../../../core/text/safe-text.js';

export function ProblemLine({problem}: {problem: Problem}) {
  const error = problem.severity === 'error';
  return (
    <Text wrap="wrap" color={error ? theme.status.error : theme.status.warning}>
      {error ? '✖' : '⚠'} {safeText(problem.message)} → {safeText(problem.fix)}
    </Text>
  );
}
