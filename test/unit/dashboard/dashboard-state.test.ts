// The dashboard's state between keys: each action's effect, the replica selection moving like
// every list, and the log filter the state implies.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {LIST_MOVES} from '../../../source/ui/shell/list-cursor.js';
import {
  dashboardReducer,
  initialDashboardState,
  logFilter,
  minSeverity,
  SEVERITY_STEPS,
  type DashboardAction,
  type DashboardState,
} from '../../../source/ui/screens/dashboard/dashboard-state.js';

const run = (state: DashboardState, ...actions: DashboardAction[]) =>
  actions.reduce(dashboardReducer, state);

describe('initialDashboardState', () => {
  it('starts on the logs, everything off; maximized when opened for the logs', () => {
    const state = initialDashboardState(false);
    expect(state).toEqual({
      focus: 'logs',
      selected: 0,
      onlySelected: false,
      wrap: false,
      timestamps: false,
      prettyJson: false,
      maximized: false,
      severityStep: 0,
    });
    expect(initialDashboardState(true).maximized).toBe(true);
  });
});

describe('dashboardReducer', () => {
  const start = initialDashboardState(false);

  it('moves the replica selection a row or a table page, clamped to the replicas', () => {
    const move = (m: (typeof LIST_MOVES)[number]): DashboardAction => ({
      type: 'moveSelection',
      move: m,
      count: 10,
      page: 3,
    });
    expect(run(start, move('nav.down'), move('nav.down')).selected).toBe(2);
    expect(run(start, move('nav.up')).selected).toBe(0);
    expect(run(start, move('nav.pageDown')).selected).toBe(3);
    expect(run(start, move('nav.bottom')).selected).toBe(9);
    expect(run(start, move('nav.bottom'), move('nav.pageUp')).selected).toBe(6);
    expect(run(start, move('nav.bottom'), move('nav.down')).selected).toBe(9);
    expect(run(start, move('nav.bottom'), move('nav.top')).selected).toBe(0);
  });

  it('keeps the selection among the replicas for any moves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LIST_MOVES)),
        fc.integer({min: 1, max: 30}),
        fc.integer({min: 1, max: 10}),
        (moves, count, page) => {
          const state = run(
            start,
            ...moves.map((move): DashboardAction => ({type: 'moveSelection', move, count, page})),
          );
          expect(state.selected).toBeGreaterThanOrEqual(0);
          expect(state.selected).toBeLessThan(count);
        },
      ),
    );
  });

  it('switches focus between the logs and the replica table', () => {
    const replicas = run(start, {type: 'toggleFocus'});
    expect(replicas.focus).toBe('replicas');
    expect(run(replicas, {type: 'toggleFocus'}).focus).toBe('logs');
  });

  it('maximizing (and back) puts the focus on the logs', () => {
    const maximized = run(start, {type: 'toggleFocus'}, {type: 'toggleMaximized'});
    expect(maximized).toMatchObject({maximized: true, focus: 'logs'});
    expect(run(maximized, {type: 'toggleFocus'}, {type: 'toggleMaximized'})).toMatchObject({
      maximized: false,
      focus: 'logs',
    });
  });

  it('flips each toggle on its own', () => {
    for (const option of ['onlySelected', 'wrap', 'timestamps', 'prettyJson'] as const) {
      const on = run(start, {type: 'toggle', option});
      expect(on).toEqual({...start, [option]: true});
      expect(run(on, {type: 'toggle', option})).toEqual(start);
    }
  });

  it('enter on a replica shows its lines with the logs focused; a traceback jump shows all', () => {
    const shown = run(start, {type: 'toggleFocus'}, {type: 'showSelectedReplica'});
    expect(shown).toMatchObject({onlySelected: true, focus: 'logs'});
    expect(run(shown, {type: 'showAllReplicas'}).onlySelected).toBe(false);
  });

  it('steps the severity floor and wraps around to all lines', () => {
    const steps = SEVERITY_STEPS.map((_, n) =>
      minSeverity(run(start, ...Array.from({length: n}, () => ({type: 'stepSeverity'}) as const))),
    );
    expect(steps).toEqual(['DEFAULT', 'INFO', 'WARNING', 'ERROR']);
    const wrapped = run(start, ...SEVERITY_STEPS.map(() => ({type: 'stepSeverity'}) as const));
    expect(wrapped.severityStep).toBe(0);
  });

  it('sets and clears the search', () => {
    const searched = run(start, {type: 'search', search: {text: 'oom', regex: /oom/i}});
    expect(searched.search?.text).toBe('oom');
    const cleared = run(searched, {type: 'search', search: undefined});
    expect(cleared).toEqual(start);
    expect('search' in cleared).toBe(false);
  });
});

describe('logFilter', () => {
  const start = initialDashboardState(false);

  it('shows every line of every replica at first', () => {
    expect(logFilter(start, 'workerpool0-0')).toEqual({minLevel: 0});
  });

  it('raises the floor with the severity step', () => {
    const warnings = run(start, {type: 'stepSeverity'}, {type: 'stepSeverity'});
    expect(logFilter(warnings, undefined).minLevel).toBe(400);
  });

  it('scopes to the selected replica only when asked and when there is one', () => {
    const scoped = run(start, {type: 'toggle', option: 'onlySelected'});
    expect(logFilter(scoped, 'workerpool1-0')).toEqual({minLevel: 0, replica: 'workerpool1-0'});
    expect(logFilter(scoped, undefined)).toEqual({minLevel: 0});
  });
});
