// What the job dashboard remembers between keys — which pane has focus, the selected replica, the
// log pane's toggles, the severity step and the search — as a pure reducer, so every key's effect
// on it is unit-tested without rendering (use-dashboard-input.ts maps commands to these actions;
// Dashboard.tsx only draws). Where the log pane is in the store lives in use-log-navigation.ts.
import {moveCursor, type ListMove} from '../../shell/list-cursor.js';
import {severityLevel} from '../../../services/vertex/log-line.js';
import type {LineFilter} from './log-window.js';

/** The severity floor `v` steps through. */
export const SEVERITY_STEPS = ['DEFAULT', 'INFO', 'WARNING', 'ERROR'] as const;

export interface LogSearch {
  text: string;
  regex?: RegExp;
  error?: string;
}

/** The log pane's on/off options (each a key). */
export type DashboardToggle = 'onlySelected' | 'wrap' | 'timestamps' | 'prettyJson';

export interface DashboardState {
  focus: 'logs' | 'replicas';
  /** Index of the selected replica (may exceed the table: it is clamped where it is read). */
  selected: number;
  /** The log pane shows the selected replica's lines only. */
  onlySelected: boolean;
  wrap: boolean;
  timestamps: boolean;
  prettyJson: boolean;
  /** The log pane has the whole screen. */
  maximized: boolean;
  /** Index into SEVERITY_STEPS. */
  severityStep: number;
  search?: LogSearch;
}

export type DashboardAction =
  /** Moves the replica selection over `count` replicas, `page` at a time. */
  | {type: 'moveSelection'; move: ListMove; count: number; page: number}
  | {type: 'toggleFocus'}
  /** Gives the logs the whole screen (or gives it back), focusing the logs. */
  | {type: 'toggleMaximized'}
  | {type: 'toggle'; option: DashboardToggle}
  /** Shows the selected replica's lines in the log pane, focused. */
  | {type: 'showSelectedReplica'}
  /** Shows every replica's lines again (a jump to a line another replica wrote). */
  | {type: 'showAllReplicas'}
  | {type: 'stepSeverity'}
  /** A new search, or none. */
  | {type: 'search'; search: LogSearch | undefined};

export function initialDashboardState(logsFirst: boolean): DashboardState {
  return {
    focus: 'logs',
    selected: 0,
    onlySelected: false,
    wrap: false,
    timestamps: false,
    prettyJson: false,
    maximized: logsFirst,
    severityStep: 0,
  };
}

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'moveSelection':
      return {...state, selected: moveCursor(state.selected, action.move, action)};
    case 'toggleFocus':
      return {...state, focus: state.focus === 'logs' ? 'replicas' : 'logs'};
    case 'toggleMaximized':
      return {...state, maximized: !state.maximized, focus: 'logs'};
    case 'toggle':
      return {...state, [action.option]: !state[action.option]};
    case 'showSelectedReplica':
      return {...state, onlySelected: true, focus: 'logs'};
    case 'showAllReplicas':
      return {...state, onlySelected: false};
    case 'stepSeverity':
      return {...state, severityStep: (state.severityStep + 1) % SEVERITY_STEPS.length};
    case 'search': {
      const {search: _previous, ...rest} = state;
      return action.search ? {...rest, search: action.search} : rest;
    }
  }
}

/** The lowest severity the log pane shows. */
export function minSeverity(state: DashboardState): (typeof SEVERITY_STEPS)[number] {
  return SEVERITY_STEPS[state.severityStep]!;
}

/** Which lines the log pane shows: the severity floor, and the selected replica's when scoped. */
export function logFilter(state: DashboardState, selectedReplica: string | undefined): LineFilter {
  return {
    minLevel: Math.max(0, severityLevel(minSeverity(state))),
    ...(state.onlySelected && selectedReplica && {replica: selectedReplica}),
  };
}
