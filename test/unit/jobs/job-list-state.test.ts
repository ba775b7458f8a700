// The job list's state between keys: the selection moving like every list and following its job,
// type and sort cycling, the filters, and the window kept around the selection.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {LIST_MOVES} from '../../../source/ui/shell/list-cursor.js';
import {JOB_KINDS} from '../../../source/services/vertex/api.js';
import {
  initialJobListState,
  jobListReducer,
  jobTablePage,
  jobTableRows,
  keepInView,
  shownKinds,
  type JobListAction,
  type JobListState,
} from '../../../source/ui/screens/jobs/job-list-state.js';

const run = (state: JobListState, ...actions: JobListAction[]) =>
  actions.reduce(jobListReducer, state);
const rows = Array.from({length: 10}, (_, n) => ({name: `jobs/${n}`}));

describe('jobListReducer', () => {
  const start = initialJobListState;

  it('starts on all types, newest first, no filters, the first row selected', () => {
    expect(shownKinds(start)).toBe(JOB_KINDS);
    expect(start).toEqual({
      typeChoice: 0,
      serverFilter: '',
      view: {sort: 'created', descending: true, text: ''},
      selectedIndex: 0,
      top: 0,
    });
  });

  it('moves the selection and remembers the job it lands on', () => {
    const down = run(start, {type: 'move', move: 'nav.down', from: 3, rows, page: 4});
    expect(down).toMatchObject({selectedIndex: 4, selectedName: 'jobs/4'});
    const paged = run(start, {type: 'move', move: 'nav.pageDown', from: 3, rows, page: 4});
    expect(paged).toMatchObject({selectedIndex: 7, selectedName: 'jobs/7'});
    const bottom = run(start, {type: 'move', move: 'nav.bottom', from: 0, rows, page: 4});
    expect(bottom).toMatchObject({selectedIndex: 9, selectedName: 'jobs/9'});
    const top = run(bottom, {type: 'move', move: 'nav.top', from: 9, rows, page: 4});
    expect(top).toMatchObject({selectedIndex: 0, selectedName: 'jobs/0'});
  });

  it('selects nothing by name in an empty list', () => {
    const moved = run(
      {...start, selectedName: 'jobs/1', selectedIndex: 1},
      {type: 'move', move: 'nav.up', from: 1, rows: [], page: 4},
    );
    expect(moved.selectedIndex).toBe(0);
    expect('selectedName' in moved).toBe(false);
  });

  it('keeps the selection on a shown row for any move', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LIST_MOVES),
        fc.integer({min: 0, max: 9}),
        fc.integer({min: 1, max: 20}),
        (move, from, page) => {
          const state = run(start, {type: 'move', move, from, rows, page});
          expect(rows[state.selectedIndex]?.name).toBe(state.selectedName);
        },
      ),
    );
  });

  it('steps the job types: all, custom, tuning, pipelines, all', () => {
    const kinds = [0, 1, 2, 3, 4].map((n) =>
      shownKinds(run(start, ...Array.from({length: n}, () => ({type: 'cycleType'}) as const))),
    );
    expect(kinds).toEqual([JOB_KINDS, ['custom'], ['hptuning'], ['pipeline'], JOB_KINDS]);
  });

  it('steps the sort column in its natural direction, and reverses it', () => {
    const sorts: string[] = [];
    let state = start;
    for (let n = 0; n < 5; n++) {
      state = run(state, {type: 'cycleSort'});
      sorts.push(`${state.view.sort} ${state.view.descending ? '↓' : '↑'}`);
    }
    expect(sorts).toEqual(['name ↑', 'state ↑', 'duration ↓', 'type ↑', 'created ↓']);
    expect(run(start, {type: 'reverseSort'}).view.descending).toBe(false);
  });

  it('sets the local filter, and the server filter with shorthands expanded', () => {
    expect(run(start, {type: 'filterText', text: 'bert'}).view.text).toBe('bert');
    const failed = run(start, {type: 'serverFilter', text: 'failed'});
    expect(failed.serverFilter).toContain('JOB_STATE_FAILED');
    expect(run(failed, {type: 'serverFilter', text: ''}).serverFilter).toBe('');
  });

  it('remembers where the window scrolled to', () => {
    expect(run(start, {type: 'scrolled', top: 12}).top).toBe(12);
  });
});

describe('the job table window', () => {
  it('shows the rows the title, message, header and hints leave, at least 3', () => {
    expect(jobTableRows(30)).toBe(26);
    expect(jobTableRows(5)).toBe(3);
    expect(jobTablePage(26)).toBe(25);
  });

  it('moves the window as little as keeps the selection in view', () => {
    expect(keepInView(5, 7, 10)).toBe(5);
    expect(keepInView(5, 3, 10)).toBe(3);
    expect(keepInView(5, 15, 10)).toBe(6);
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 100}),
        fc.integer({min: 0, max: 100}),
        fc.integer({min: 1, max: 30}),
        (top, index, height) => {
          const next = keepInView(top, index, height);
          expect(index).toBeGreaterThanOrEqual(next);
          expect(index).toBeLessThan(next + height);
        },
      ),
    );
  });
});
