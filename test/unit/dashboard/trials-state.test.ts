// The trials table's state between keys: the selection moving like every list, and the sort.
import {describe, expect, it} from 'vitest';
import {
  initialTrialsState,
  trialsReducer,
  type TrialsAction,
  type TrialsState,
} from '../../../source/ui/screens/dashboard/trials-state.js';

const run = (state: TrialsState, ...actions: TrialsAction[]) =>
  actions.reduce(trialsReducer, state);

describe('trialsReducer', () => {
  it('starts on the first trial, sorted by id', () => {
    expect(initialTrialsState).toEqual({selected: 0, byMetric: false});
  });

  it('moves the selection within the trials', () => {
    const down: TrialsAction = {type: 'move', move: 'nav.down', count: 3, page: 10};
    const up: TrialsAction = {type: 'move', move: 'nav.up', count: 3, page: 10};
    expect(run(initialTrialsState, down, down).selected).toBe(2);
    expect(run(initialTrialsState, down, down, down).selected).toBe(2);
    expect(run(initialTrialsState, down, up, up).selected).toBe(0);
  });

  it('stays on the first row while there are no trials yet', () => {
    const down: TrialsAction = {type: 'move', move: 'nav.down', count: 0, page: 10};
    expect(run(initialTrialsState, down).selected).toBe(0);
  });

  it('toggles sorting by the metric, keeping the selection', () => {
    const moved = run(initialTrialsState, {type: 'move', move: 'nav.down', count: 5, page: 3});
    expect(run(moved, {type: 'toggleSort'})).toEqual({selected: 1, byMetric: true});
    expect(run(moved, {type: 'toggleSort'}, {type: 'toggleSort'}).byMetric).toBe(false);
  });
});
