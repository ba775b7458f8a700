// The review step's screen state as a pure reducer: the step row selected in the summary, the view
// shown (summary, request JSON, config file, gcloud command), how far a long view is scrolled,
// and which problem `e` jumps to next. ReviewStep.tsx renders it and dispatches to it.
import {moveCursor} from '../../shell/list-cursor.js';

export type ReviewView = 'summary' | 'request' | 'config' | 'gcloud';
export const VIEWS: readonly ReviewView[] = ['summary', 'request', 'config', 'gcloud'];

/** The moves the review answers: a row (or a line) at a time, and a page of a long view. */
export type ReviewMove = 'nav.up' | 'nav.down' | 'nav.pageUp' | 'nav.pageDown';

export interface ReviewState {
  /** The selected step row of the summary. */
  cursor: number;
  view: ReviewView;
  /** The first line shown of a request, config or gcloud view. */
  scroll: number;
  /** Counts `e` presses: the next problem to jump to, in turn. */
  nextProblem: number;
}

export const INITIAL_REVIEW: ReviewState = {cursor: 0, view: 'summary', scroll: 0, nextProblem: 0};

export type ReviewAction =
  | {type: 'view'; view: ReviewView}
  | {type: 'jumped'}
  | {
      type: 'move';
      move: ReviewMove;
      /** Step rows in the summary. */
      steps: number;
      /** Lines of the view shown, and the rows it has on screen. */
      lines: number;
      bodyRows: number;
    };

/** The view `v` switches to. */
export function nextView(view: ReviewView): ReviewView {
  return VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]!;
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'view':
      return {...state, view: action.view, scroll: 0};
    case 'jumped':
      return {...state, nextProblem: state.nextProblem + 1};
    case 'move': {
      const {move} = action;
      // ↑/↓ select a step row in the summary; elsewhere they, and pages, scroll the view so its
      // last page stays full.
      if ((move === 'nav.up' || move === 'nav.down') && state.view === 'summary')
        return {...state, cursor: moveCursor(state.cursor, move, {count: action.steps, page: 1})};
      const count = Math.max(0, action.lines - action.bodyRows) + 1;
      return {
        ...state,
        scroll: moveCursor(state.scroll, move, {count, page: action.bodyRows}),
      };
    }
  }
}
