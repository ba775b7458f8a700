// One filter typed for every job type, rewritten per List call. Pipelines have PipelineState
// (pipeline_state.proto), which lacks JobState's EXPIRED, UPDATING and PARTIALLY_SUCCEEDED
// (job_state.proto); ListTrainingPipelinesRequest.filter takes `state` with = and !=
// (pipeline_service.proto). AIP-160 (https://google.aip.dev/160): NOT binds tightest, then OR,
// then AND, so `a AND b OR c` is `a AND (b OR c)`.
import {describe, expect, it} from 'vitest';
import {parseListFilter, printListFilter} from '../../../source/services/jobs/list-filter.js';
import {serverFilterFor} from '../../../source/services/jobs/server-filter.js';

const pipelineFilter = (filter: string) => serverFilterFor('pipeline', filter);

describe('the filter sent for training pipelines', () => {
  it.each([
    ['state="JOB_STATE_RUNNING"', 'state="PIPELINE_STATE_RUNNING"'],
    ['state=JOB_STATE_FAILED', 'state=PIPELINE_STATE_FAILED'],
    ['state="PIPELINE_STATE_PAUSED"', 'state="PIPELINE_STATE_PAUSED"'],
    ['state!="JOB_STATE_SUCCEEDED"', 'state!="PIPELINE_STATE_SUCCEEDED"'],
  ])('translates a state pipelines have: %s', (typed, sent) => {
    expect(pipelineFilter(typed)).toBe(sent);
  });

  it.each(['EXPIRED', 'UPDATING', 'PARTIALLY_SUCCEEDED'])(
    'skips the call for JOB_STATE_%s, a state no pipeline can have, and lists all for !=',
    (state) => {
      expect(pipelineFilter(`state="JOB_STATE_${state}"`)).toBeUndefined();
      expect(pipelineFilter(`state=JOB_STATE_${state}`)).toBeUndefined();
      expect(pipelineFilter(`state="PIPELINE_STATE_${state}"`)).toBeUndefined();
      expect(pipelineFilter(`state!="JOB_STATE_${state}"`)).toBe('');
      // Custom and tuning jobs have it: their filter is sent as typed.
      expect(serverFilterFor('custom', `state="JOB_STATE_${state}"`)).toBe(
        `state="JOB_STATE_${state}"`,
      );
      expect(serverFilterFor('hptuning', ` state="JOB_STATE_${state}" `)).toBe(
        `state="JOB_STATE_${state}"`,
      );
    },
  );

  it.each([
    // A conjunction that needs an impossible state cannot match: no call.
    ['state="JOB_STATE_EXPIRED" AND display_name="x"', undefined],
    ['display_name="x" state="JOB_STATE_UPDATING"', undefined],
    ['(state="JOB_STATE_EXPIRED") AND (labels.team="a" OR display_name="x")', undefined],
    // A disjunction still lists the pipelines the other side can match.
    ['state="JOB_STATE_EXPIRED" OR display_name="x"', 'display_name="x"'],
    ['state="JOB_STATE_EXPIRED" OR state="JOB_STATE_FAILED"', 'state="PIPELINE_STATE_FAILED"'],
    [
      'state="JOB_STATE_EXPIRED" OR state="JOB_STATE_UPDATING" OR state="JOB_STATE_PARTIALLY_SUCCEEDED"',
      undefined,
    ],
    // AIP-160 precedence: a AND (false OR c).
    [
      'display_name="a" AND state="JOB_STATE_EXPIRED" OR state="JOB_STATE_RUNNING"',
      'display_name="a" AND state="PIPELINE_STATE_RUNNING"',
    ],
    // Negations.
    ['NOT state="JOB_STATE_EXPIRED"', ''],
    ['-state="JOB_STATE_UPDATING"', ''],
    ['NOT state="JOB_STATE_EXPIRED" AND labels.team="a"', 'labels.team="a"'],
    ['NOT (state="JOB_STATE_EXPIRED" OR display_name="x")', 'NOT display_name="x"'],
    ['NOT (state!="JOB_STATE_EXPIRED")', undefined],
    [
      'state!="JOB_STATE_EXPIRED" AND (state="JOB_STATE_FAILED" OR state="JOB_STATE_CANCELLED")',
      'state="PIPELINE_STATE_FAILED" OR state="PIPELINE_STATE_CANCELLED"',
    ],
    // The rest of the expression is kept, quotes and escapes included.
    [
      'state="JOB_STATE_EXPIRED" OR (display_name="say \\"hi\\"" AND create_time>"2026-01-01T00:00:00Z" AND labels.env:*)',
      '(display_name="say \\"hi\\"" AND create_time>"2026-01-01T00:00:00Z") AND labels.env:*',
    ],
  ])('%s → %s', (typed, sent) => {
    expect(pipelineFilter(typed)).toBe(sent);
  });

  it('rewrites only state comparisons, not a value that looks like a state', () => {
    expect(pipelineFilter('display_name="JOB_STATE_EXPIRED-run"')).toBe(
      'display_name="JOB_STATE_EXPIRED-run"',
    );
    expect(pipelineFilter('labels.stage="JOB_STATE_RUNNING" AND state="JOB_STATE_RUNNING"')).toBe(
      'labels.stage="JOB_STATE_RUNNING" AND state="PIPELINE_STATE_RUNNING"',
    );
  });

  it('passes a name neither type has, and a filter it cannot parse, for the server to refuse', () => {
    expect(pipelineFilter('state="JOB_STATE_RUNNIN"')).toBe('state="PIPELINE_STATE_RUNNIN"');
    expect(pipelineFilter('state="JOB_STATE_EXPIRED')).toBe('state="JOB_STATE_EXPIRED');
    expect(pipelineFilter('state="JOB_STATE_EXPIRED" AND (')).toBe(
      'state="JOB_STATE_EXPIRED" AND (',
    );
    expect(pipelineFilter('   ')).toBe('');
  });
});

describe('the filter sent for custom and tuning jobs', () => {
  it('takes a pipeline state name as the JobState of the same member', () => {
    expect(serverFilterFor('custom', 'state="PIPELINE_STATE_RUNNING"')).toBe(
      'state="JOB_STATE_RUNNING"',
    );
  });

  it('is sent as typed otherwise', () => {
    const typed = 'display_name:"my_job_*" OR NOT labels.team="a"';
    expect(serverFilterFor('custom', typed)).toBe(typed);
    expect(serverFilterFor('hptuning', typed)).toBe(typed);
  });
});

describe('the AIP-160 list filter', () => {
  it('reads OR tighter than AND, implicit AND, NOT and -', () => {
    expect(parseListFilter('a=1 AND b=2 OR c=3')).toMatchObject({
      kind: 'and',
      right: {kind: 'or'},
    });
    expect(parseListFilter('a=1 b=2')).toMatchObject({kind: 'and'});
    expect(parseListFilter('-a=1')).toMatchObject({kind: 'not', operand: {field: 'a'}});
    expect(parseListFilter('')).toBeUndefined();
  });

  it('prints every composite operand in parentheses, so any reading means the same', () => {
    expect(printListFilter(parseListFilter('a=1 AND b=2 OR c=3')!)).toBe('a=1 AND (b=2 OR c=3)');
    expect(printListFilter(parseListFilter('(a=1 AND b=2) OR c=3')!)).toBe('(a=1 AND b=2) OR c=3');
  });
});
