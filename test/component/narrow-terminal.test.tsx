// What a user meets first at 80 columns, read whole: the wizard's choices (their descriptions go on
// under themselves when the list fits), a field's problems and notes (continued under their text,
// not one column off), the dashboard's "why it failed" (Vertex's message and the next step on two
// rows each instead of cut, its next step naming only keys the view has), the log pane's toggle bar (whole toggles, the active search kept),
// and the hint bar (the screen's last hints give way to "? help · ctrl+c quit").
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {FailurePanel, failurePanelHeight} from '../../source/ui/screens/dashboard/FailurePanel.js';
import {analyseFailure} from '../../source/ui/screens/dashboard/failure.js';
import {LogView, type LogToggles} from '../../source/ui/screens/dashboard/LogView.js';
import {trialsTableHeight} from '../../source/ui/screens/dashboard/dashboard-layout.js';
import {ProblemLine} from '../../source/ui/screens/wizard/ProblemLine.js';
import {SelectList} from '../../source/ui/screens/wizard/SelectList.js';
import {workflowChoices} from '../../source/ui/screens/wizard/steps/workflow.js';
import {DEFAULT_STUDY, studyStep} from '../../source/ui/screens/wizard/steps/study.js';
import {poolsStep} from '../../source/ui/screens/wizard/steps/pools.js';
import {hintText} from '../../source/ui/shell/HintBar.js';
import {Keymap} from '../../source/ui/shell/keys/keymap.js';
import {exampleDraft} from '../../source/core/job-spec/example-draft.js';

let app: ReturnType<typeof render> | undefined;
afterEach(() => app?.unmount());

function frame(element: React.ReactElement): string {
  app = render(<Box width={80}>{element}</Box>);
  return app.lastFrame() ?? '';
}

const draft = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});

describe('the wizard at 80 columns', () => {
  it('shows each workflow description whole, continued under its first row', () => {
    const choices = workflowChoices(draft);
    const shown = frame(<SelectList choices={choices} cursor={1} height={20} width={80} />);
    expect(shown).not.toMatch(/…/);
    const rows = shown.split('\n');
    const tuning = rows.findIndex((row) => row.startsWith('❯ Hyperparameter tuning job '));
    const description = choices[1]!.description!;
    // The description's first words on the label's row, the rest on the next, under them.
    expect(rows[tuning]).toContain(description.split(' ').slice(0, 4).join(' '));
    expect(rows[tuning + 1]).toMatch(/^ {28}\S/);
    expect(`${rows[tuning]} ${rows[tuning + 1]!.trim()}`).toContain(description);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
  });

  it('keeps one row per choice, cut at the edge, when wrapping would not fit the height', () => {
    const choices = workflowChoices(draft);
    const shown = frame(<SelectList choices={choices} cursor={0} height={4} width={80} />);
    expect(shown.split('\n')).toHaveLength(4);
    expect(shown).toMatch(/…/);
  });

  it('counts the study in words that agree with the number', () => {
    const tuning = {...draft, study: DEFAULT_STUDY};
    expect(studyStep.summary(tuning)).toBe('1 parameter · 10 trials');
    const one = {...draft, study: {...DEFAULT_STUDY, maxTrialCount: 1}};
    expect(studyStep.summary(one)).toBe('1 parameter · 1 trial');
    const alone = {...draft, workerPools: [draft.workerPools[0]] as typeof draft.workerPools};
    expect(poolsStep.summary(alone)).toBe('1 pool · 1 replica');
    expect(poolsStep.summary(draft)).toMatch(/^\d+ pools · \d+ replicas$/);
  });

  it('continues a problem under its message, not one column off', () => {
    const shown = frame(
      <Box marginLeft={4}>
        <ProblemLine
          width={76}
          problem={{
            severity: 'error',
            rule: 'python-package-image',
            field: 'executorImageUri',
            path: 'workerPoolSpecs[0]',
            message: 'Python packages must run on a pre-built training image ending in :latest',
            fix: 'pick a pre-built image from the list, or use a custom container instead',
          }}
        />
      </Box>,
    );
    const rows = shown.split('\n');
    expect(rows[0]).toMatch(/^ {4}✖ Python packages/);
    expect(rows[1]).toMatch(/^ {6}\S/);
  });
});

describe('the dashboard at 80 columns', () => {
  const report = analyseFailure({
    code: 9,
    message:
      '5 trial(s) failed. Trial 5: The replica workerpool1-1 exited with a non-zero status of 2. Termination reason: Error.',
  });

  it('shows why the job failed whole, on two rows each, and counts them for the layout', () => {
    const shown = frame(<FailurePanel report={report} traceback={undefined} width={80} />);
    const rows = shown.split('\n');
    expect(rows).toHaveLength(failurePanelHeight(report, undefined, 80));
    expect(rows).toHaveLength(5);
    expect(shown).not.toMatch(/…/);
    expect(rows[1]).toMatch(/^ {2}5 trial\(s\) failed/);
    expect(rows[2]).toMatch(/^ {2}\S.*Termination reason: Error\.$/);
    expect(rows[3]).toMatch(/^ {2}→ The training code exited with an error: /);
    expect(rows[4]).toMatch(/^ {4}\S/);
    // The trials table gives the wrapped panel its rows.
    expect(trialsTableHeight(40, 5 + 1)).toBe(trialsTableHeight(40, true) - 2);
  });

  it('names as the next step only what the view offers', () => {
    const next = (element: React.ReactElement) =>
      frame(element).split('→ ')[1]!.replace(/\s+/g, ' ');
    const traceback = [{insertId: 't', replica: 'workerpool1-1', message: 'ValueError: x'}];
    // Over the job's logs with a traceback: it is below, T jumps to it.
    expect(
      next(<FailurePanel report={report} traceback={traceback as never} width={80} />),
    ).toMatch(/its last traceback is below \(T shows it in the logs\)/);
    // No traceback in the logs: nothing is "below"; e finds the error lines.
    expect(next(<FailurePanel report={report} traceback={undefined} width={80} />)).toMatch(
      /its logs say why \(e jumps to the next error line\)/,
    );
    // A tuning job's trials have neither logs nor T: a trial has.
    expect(
      next(<FailurePanel report={report} traceback={undefined} width={80} context="trials" />),
    ).toMatch(/enter opens a trial with its logs and traceback/);
  });

  it('keeps whole toggles in the log bar, the active search among them', () => {
    const toggles: LogToggles = {
      follow: true,
      wrap: false,
      timestamps: false,
      prettyJson: false,
      minSeverity: 'all',
      search: {text: 'step', regex: /step/},
    };
    const shown = frame(
      <LogView
        lines={[]}
        height={3}
        width={80}
        replicaColors={new Map()}
        toggles={toggles}
        status={{
          state: 'live',
          suppressed: 0,
          reconnects: 0,
          refusals: 0,
          reads: 1,
          late: 0,
          olderAvailable: false,
        }}
        received={15}
        evicted={0}
        atTop
        newerBelow={false}
      />,
    );
    const bar = shown.split('\n')[0]!;
    expect(bar).toMatch(/^── following · \/step · /);
    expect(bar).toMatch(/── stream live · 15 lines$/);
    // Each toggle is whole or left out (…), never cut mid-word.
    const toggleText = bar.slice(3, bar.indexOf(' ── stream'));
    for (const part of toggleText.split(' · '))
      expect([
        'following',
        '/step',
        'all replicas',
        'wrap off',
        'time off',
        'json one line',
        '≥ all',
        '…',
      ]).toContain(part);
    expect(toggleText).toMatch(/…$/);
  });

  it('keeps "? help · ctrl+c quit" in the hint bar, the screen\'s last hints giving way', () => {
    const keymap = new Keymap();
    const hints = hintText(
      keymap,
      [
        'nav.back',
        'dash.focus',
        'logs.search',
        'logs.nextError',
        'logs.follow',
        'logs.scope',
        'logs.wrap',
      ],
      () => true,
      true,
      80,
    );
    expect(hints.length).toBeLessThanOrEqual(80);
    expect(hints).toMatch(/^q\/esc back · .* · … · \? help · ctrl\+c quit$/);
  });
});
