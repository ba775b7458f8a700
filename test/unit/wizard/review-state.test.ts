// The review step's screen state (review-state.ts): the step row, the view, the scroll of a long
// view and the problem `e` jumps to next.
import {describe, expect, it} from 'vitest';
import {
  INITIAL_REVIEW,
  nextView,
  reviewReducer,
  type ReviewAction,
  type ReviewMove,
  type ReviewState,
} from '../../../source/ui/screens/wizard/review-state.js';

const run = (state: ReviewState, ...actions: ReviewAction[]) =>
  actions.reduce(reviewReducer, state);
const move = (m: ReviewMove, lines = 0): ReviewAction => ({
  type: 'move',
  move: m,
  steps: 5,
  lines,
  bodyRows: 10,
});

describe('the review state', () => {
  it('v goes summary → request → config → gcloud → summary', () => {
    expect(nextView('summary')).toBe('request');
    expect(nextView('config')).toBe('gcloud');
    expect(nextView('gcloud')).toBe('summary');
  });

  it('↑/↓ select a step row in the summary, stopping at either end', () => {
    expect(run(INITIAL_REVIEW, move('nav.down'), move('nav.down')).cursor).toBe(2);
    expect(run(INITIAL_REVIEW, ...Array(9).fill(move('nav.down'))).cursor).toBe(4);
    expect(run(INITIAL_REVIEW, move('nav.up')).cursor).toBe(0);
  });

  it('in another view ↑/↓ and pages scroll, never past the last full page', () => {
    const request = run(INITIAL_REVIEW, {type: 'view', view: 'request'});
    expect(run(request, move('nav.down', 25)).scroll).toBe(1);
    expect(run(request, move('nav.pageDown', 25)).scroll).toBe(10);
    expect(run(request, move('nav.pageDown', 25), move('nav.pageDown', 25)).scroll).toBe(15);
    expect(run(request, move('nav.pageDown', 25), move('nav.pageUp', 25)).scroll).toBe(0);
    expect(run(request, move('nav.down', 8)).scroll).toBe(0);
    expect(run(request, move('nav.down', 25)).cursor).toBe(0);
  });

  it('switching the view starts it at the top; e counts its jumps', () => {
    const scrolled = run(INITIAL_REVIEW, {type: 'view', view: 'request'}, move('nav.pageDown', 40));
    expect(run(scrolled, {type: 'view', view: 'config'})).toMatchObject({
      view: 'config',
      scroll: 0,
    });
    expect(run(INITIAL_REVIEW, {type: 'jumped'}, {type: 'jumped'}).nextProblem).toBe(2);
  });
});
