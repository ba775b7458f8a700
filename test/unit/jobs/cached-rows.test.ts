// The swap from the cached list to the live one: the cached rows show until the backend answers,
// then never again; the selection stays on the same job (by name, not by row), the filters and the
// sort stay, and a job that changed state in between shows its new state.
import {describe, expect, it} from 'vitest';
import {
  cachedPages,
  pagesToShow,
  rowsToSave,
  type Pages,
} from '../../../source/ui/screens/jobs/cached-rows.js';
import {
  initialJobListState,
  jobListReducer,
  shownKinds,
  type JobListAction,
  type JobListState,
} from '../../../source/ui/screens/jobs/job-list-state.js';
import {keepSelection, visibleRows} from '../../../source/services/jobs/job-list-model.js';
import type {CachedJobList} from '../../../source/services/jobs/job-list-cache.js';
import type {JobSummary} from '../../../source/services/jobs/job-summary.js';
import {JOB_KINDS, type JobKind} from '../../../source/services/vertex/api.js';
import type {JobState} from '../../../source/core/job-spec/index.js';

const PARENT = 'projects/p/locations/r';
const COLLECTION: Record<JobKind, string> = {
  custom: 'customJobs',
  hptuning: 'hyperparameterTuningJobs',
  pipeline: 'trainingPipelines',
};

function job(kind: JobKind, id: number, minute: number, state: JobState): JobSummary {
  return {
    kind,
    name: `${PARENT}/${COLLECTION[kind]}/${id}`,
    id: String(id),
    displayName: `${kind}-${id}`,
    state,
    createTime: new Date(Date.UTC(2026, 11, 1, 0, minute)),
    labels: {},
    resource: {},
  };
}

const SAVED_AT = Date.UTC(2026, 11, 1, 1, 0);
const cached: CachedJobList = {
  savedAt: SAVED_AT,
  rows: [
    job('custom', 3, 30, 'JOB_STATE_RUNNING'),
    job('hptuning', 2, 20, 'JOB_STATE_RUNNING'),
    job('custom', 1, 10, 'JOB_STATE_SUCCEEDED'),
  ].map((row) => ({...row, cachedAt: SAVED_AT})),
};

/** The live answer: a new job on top, and custom-3 has ended since the cache was saved. */
const live: Pages = {
  custom: {
    items: [
      job('custom', 4, 40, 'JOB_STATE_PENDING'),
      job('custom', 3, 30, 'JOB_STATE_CANCELLED'),
      job('custom', 1, 10, 'JOB_STATE_SUCCEEDED'),
    ],
    nextPageToken: '',
    done: true,
  },
  hptuning: {items: [job('hptuning', 2, 20, 'JOB_STATE_RUNNING')], nextPageToken: '', done: true},
  pipeline: {items: [], nextPageToken: '', done: true},
};

const NOW = SAVED_AT + 60_000;
const run = (state: JobListState, ...actions: JobListAction[]) =>
  actions.reduce(jobListReducer, state);

/** What the screen does on a frame: rows, selected index, and holding the selection while cached. */
function frame(state: JobListState, pages: Pages, cachedAt: number | undefined) {
  const shown = visibleRows(pages, {...state.view, kinds: shownKinds(state)}, NOW);
  const index = keepSelection(shown, state.selectedName, state.selectedIndex);
  const under = shown[index];
  const next =
    cachedAt !== undefined && under && state.selectedName === undefined
      ? jobListReducer(state, {type: 'holdSelection', name: under.name})
      : cachedAt === undefined && state.selectionHeld
        ? jobListReducer(state, {type: 'releaseSelection', index})
        : state;
  return {shown, index, selected: under, state: next};
}

describe('the cached job list', () => {
  it('shows the cached rows, complete, until the backend answers, then the live ones for good', () => {
    const before = pagesToShow({}, JOB_KINDS, false, cached, '');
    expect(before.cachedAt).toBe(SAVED_AT);
    expect(before.pages).toEqual(cachedPages(cached));
    expect(Object.values(before.pages).every((page) => page?.done)).toBe(true);
    const after = pagesToShow(live, JOB_KINDS, false, cached, '');
    expect(after).toEqual({pages: live});
    // A type that failed leaves the cached rows up; one type shown needs only its own answer.
    const partial = {custom: live.custom!, hptuning: live.hptuning!};
    expect(pagesToShow(partial, JOB_KINDS, false, cached, '').cachedAt).toBe(SAVED_AT);
    expect(pagesToShow(partial, ['custom'], false, cached, '')).toEqual({pages: partial});
    // After a live answer, a new query (another type) starts empty rather than cached.
    expect(pagesToShow({}, JOB_KINDS, true, cached, '')).toEqual({pages: {}});
    // No cache, or a server filter the cached rows were not read with: live only.
    expect(pagesToShow({}, JOB_KINDS, false, undefined, '')).toEqual({pages: {}});
    expect(pagesToShow({}, JOB_KINDS, false, cached, 'state="JOB_STATE_FAILED"')).toEqual({
      pages: {},
    });
  });

  it('keeps the selected job (by name), the filters and the sort across the swap', () => {
    // On the cached rows, the user sorts by name, filters and selects the second row.
    let state = run(initialJobListState, {type: 'cycleSort'}, {type: 'filterText', text: 'custom'});
    const pages = pagesToShow({}, JOB_KINDS, false, cached, '');
    const shown = frame(state, pages.pages, pages.cachedAt);
    expect(shown.shown.map((row) => row.displayName)).toEqual(['custom-1', 'custom-3']);
    state = run(shown.state, {
      type: 'move',
      move: 'nav.down',
      from: shown.index,
      rows: shown.shown,
      page: 5,
    });
    expect(state.selectedName).toBe(`${PARENT}/customJobs/3`);
    // The live rows arrive: custom-4 is new, custom-3 has ended.
    const after = frame(state, pagesToShow(live, JOB_KINDS, false, cached, '').pages, undefined);
    expect(after.state.view).toEqual({sort: 'name', descending: false, text: 'custom'});
    expect(after.shown.map((row) => row.displayName)).toEqual(['custom-1', 'custom-3', 'custom-4']);
    expect(after.selected?.name).toBe(`${PARENT}/customJobs/3`);
    expect(after.selected?.state).toBe('JOB_STATE_CANCELLED');
    expect('cachedAt' in after.selected!).toBe(false);
  });

  it('holds the first cached row when nothing was chosen, so a new job on top does not take it', () => {
    const pages = pagesToShow({}, JOB_KINDS, false, cached, '');
    const first = frame(initialJobListState, pages.pages, pages.cachedAt);
    expect(first.selected?.displayName).toBe('custom-3');
    expect(first.state.selectedName).toBe(`${PARENT}/customJobs/3`);
    const after = frame(first.state, live, undefined);
    expect(after.shown[0]!.displayName).toBe('custom-4');
    expect(after.index).toBe(1);
    expect(after.selected).toMatchObject({displayName: 'custom-3', state: 'JOB_STATE_CANCELLED'});
    // Once live, the held selection is by row again (as on a first run, where nothing is held).
    expect(after.state).toMatchObject({selectedIndex: 1});
    expect(after.state.selectedName).toBeUndefined();
    expect(after.state.selectionHeld).toBeUndefined();
    // A move while cached makes it the user's choice: kept by name, never released.
    const moved = run(first.state, {
      type: 'move',
      move: 'nav.down',
      from: 0,
      rows: first.shown,
      page: 5,
    });
    expect(moved.selectionHeld).toBeUndefined();
    expect(jobListReducer(moved, {type: 'releaseSelection', index: 0})).toBe(moved);
    // A selection the user made is never replaced by holding.
    const chosen = {...initialJobListState, selectedName: 'x', selectedIndex: 2};
    expect(jobListReducer(chosen, {type: 'holdSelection', name: 'y'})).toBe(chosen);
  });

  it('saves the unfiltered list newest first, once every type has answered', () => {
    expect(rowsToSave({custom: live.custom!})).toBeUndefined();
    expect(rowsToSave(live)!.map((row) => row.displayName)).toEqual([
      'custom-4',
      'custom-3',
      'hptuning-2',
      'custom-1',
    ]);
  });
});
