// What the job list remembers between keys — the type shown, the server filter, the local filter
// and sort, the selected job and the first row in view — as a pure reducer, so every key's effect
// is unit-tested without rendering (use-job-list-input.ts maps commands to these actions;
// JobListScreen.tsx only draws). The rows themselves come from job-list-model.ts.
import {moveCursor, type ListMove} from '../../shell/list-cursor.js';
import {JOB_KINDS, type JobKind} from '../../../services/vertex/api.js';
import {SORT_COLUMNS, type ListView} from '../../../services/jobs/job-list-model.js';
import {expandFilterShorthand} from '../../../services/jobs/server-filter.js';

/** The job types `t` steps through: all, then each alone. */
export const TYPE_CHOICES: ReadonlyArray<readonly JobKind[]> = [
  JOB_KINDS,
  ['custom'],
  ['hptuning'],
  ['pipeline'],
];

export interface JobListState {
  /** Index into TYPE_CHOICES. */
  typeChoice: number;
  /** The server-side filter (shorthands expanded). */
  serverFilter: string;
  view: Omit<ListView, 'kinds'>;
  /** The selected job, kept selected when a refresh moves it. */
  selectedName?: string;
  /** Where the selection was, for when the selected job is gone. */
  selectedIndex: number;
  /** The first row in view. */
  top: number;
  /** selectedName was held for the swap from cached to live rows, not chosen (see holdSelection). */
  selectionHeld?: boolean;
}

export type JobListAction =
  /** Moves the selection from row `from` over `rows` (the rows shown), `page` at a time. */
  | {type: 'move'; move: ListMove; from: number; rows: readonly {name: string}[]; page: number}
  | {type: 'cycleType'}
  /** The next sort column, in its natural direction (newest, longest first). */
  | {type: 'cycleSort'}
  | {type: 'reverseSort'}
  | {type: 'filterText'; text: string}
  /** A server filter as typed (shorthands such as `failed` are expanded). */
  | {type: 'serverFilter'; text: string}
  | {type: 'scrolled'; top: number}
  /**
   * The row under the cursor of the cached list, held by name (when nothing was chosen yet), so
   * the same job stays selected when the live rows replace the cached ones (cached-rows.ts).
   */
  | {type: 'holdSelection'; name: string}
  /** The live rows are in, with the held job at `index`: the selection is by row again, as before. */
  | {type: 'releaseSelection'; index: number};

export const initialJobListState: JobListState = {
  typeChoice: 0,
  serverFilter: '',
  view: {sort: 'created', descending: true, text: ''},
  selectedIndex: 0,
  top: 0,
};

export function jobListReducer(state: JobListState, action: JobListAction): JobListState {
  switch (action.type) {
    case 'move': {
      const {move, from, rows, page} = action;
      const index = moveCursor(from, move, {count: rows.length, page});
      const {selectedName: _previous, selectionHeld: _held, ...rest} = state;
      const name = rows[index]?.name;
      return {...rest, selectedIndex: index, ...(name !== undefined && {selectedName: name})};
    }
    case 'cycleType':
      return {...state, typeChoice: (state.typeChoice + 1) % TYPE_CHOICES.length};
    case 'cycleSort': {
      const at = SORT_COLUMNS.indexOf(state.view.sort);
      const sort = SORT_COLUMNS[(at + 1) % SORT_COLUMNS.length]!;
      return {
        ...state,
        view: {...state.view, sort, descending: sort === 'created' || sort === 'duration'},
      };
    }
    case 'reverseSort':
      return {...state, view: {...state.view, descending: !state.view.descending}};
    case 'filterText':
      return {...state, view: {...state.view, text: action.text}};
    case 'serverFilter':
      return {...state, serverFilter: expandFilterShorthand(action.text)};
    case 'scrolled':
      return {...state, top: action.top};
    case 'holdSelection':
      return state.selectedName === undefined
        ? {...state, selectedName: action.name, selectionHeld: true}
        : state;
    case 'releaseSelection': {
      if (!state.selectionHeld) return state;
      const {selectedName: _name, selectionHeld: _held, ...rest} = state;
      return {...rest, selectedIndex: action.index};
    }
  }
}

/** The job types shown (the same array for the same choice, so it can be a hook dependency). */
export function shownKinds(state: JobListState): readonly JobKind[] {
  return TYPE_CHOICES[state.typeChoice]!;
}

/** Job rows the table shows: the screen less the title, message, column header and hint lines. */
export function jobTableRows(rows: number): number {
  return Math.max(3, rows - 4);
}

/** Rows a page move skips: the table's height less one row that stays in view. */
export function jobTablePage(tableRows: number): number {
  return tableRows - 1;
}

/** The first row in view: `top` moved as little as keeps row `index` inside `height` rows. */
export function keepInView(top: number, index: number, height: number): number {
  if (index < top) return index;
  if (index >= top + height) return index - height + 1;
  return top;
}

/**
 * What the table says when it shows no row. "No jobs yet" only once every type shown has been
 * listed: before that (the first frame, a first call that failed while the service was starting,
 * a reconnect that dropped a load in flight) the list is still loading, not empty.
 */
export function emptyListMessage(list: {
  ready: boolean;
  /** Every type shown has answered a list call at least once. */
  listed: boolean;
  filtered: boolean;
}): string {
  if (!list.ready || !list.listed) return 'Loading jobs…';
  if (list.filtered) return 'No job matches the filters (/ and f change them).';
  return 'No jobs yet here. Press n to configure one (the example distributed job is ready to run).';
}
