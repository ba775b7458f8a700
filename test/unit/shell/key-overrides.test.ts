import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {applyKeyOverrides} from '../../../source/ui/shell/keys/key-overrides.js';

const plain = {ctrl: false, meta: false, shift: false} as Key;

describe('applyKeyOverrides', () => {
  it('rebinds a command and the lookup, hints and help follow', () => {
    const applied = applyKeyOverrides({'jobs.cancel': 'X', 'nav.down': ['down', 'ctrl+n']});
    expect(applied.problems).toEqual([]);
    const {keymap} = applied;
    expect(keymap.commandFor('X', plain, ['jobs'])).toBe('jobs.cancel');
    expect(keymap.commandFor('x', plain, ['jobs'])).toBeUndefined();
    expect(keymap.commandFor('n', {...plain, ctrl: true}, ['jobs', 'nav'])).toBe('nav.down');
    expect(keymap.keyLabel('jobs.cancel')).toBe('X');
  });

  it('names an unknown command, a key that is not a key, and a clash, keeping the defaults', () => {
    const applied = applyKeyOverrides({
      'jobs.explode': 'e',
      'jobs.clone': 'ctrl+shift+alt',
      'jobs.describe': 'x',
      'jobs.refresh': '?',
    });
    expect(applied.problems.map((problem) => problem.path)).toEqual([
      'keys.jobs.explode',
      'keys.jobs.clone',
      'keys.jobs.describe',
      'keys.jobs.refresh',
    ]);
    expect(applied.problems[0]!.message).toMatch(/unknown command "jobs.explode"/);
    expect(applied.problems[1]!.message).toMatch(/is not a key/);
    expect(applied.problems[2]!.message).toMatch(/"x" is already bound to jobs.cancel/);
    expect(applied.problems[3]!.message).toMatch(/already bound to app.help \(global\)/);
    for (const problem of applied.problems) expect(problem.fix.length).toBeGreaterThan(5);
    expect(applied.keymap.keyLabel('jobs.describe')).toBe('d');
  });

  it("keeps the dashboard's old command names working: job.cancel is the one job action now", () => {
    const applied = applyKeyOverrides({'job.cancel': 'X'});
    expect(applied.problems).toEqual([]);
    const {keymap} = applied;
    expect(keymap.commandFor('X', plain, ['dashboard'])).toBe('jobs.cancel');
    expect(keymap.commandFor('X', plain, ['jobs'])).toBe('jobs.cancel');
    expect(keymap.commandFor('x', plain, ['dashboard'])).toBeUndefined();
    expect(keymap.keyLabel('jobs.cancel')).toBe('X');
    const twice = applyKeyOverrides({'jobs.cancel': 'X', 'job.cancel': 'Z'});
    expect(twice.problems.map((problem) => problem.path)).toEqual(['keys.job.cancel']);
    expect(twice.keymap.keyLabel('jobs.cancel')).toBe('X');
  });

  it('checks clashes on the screens a job action works on, and only there', () => {
    const applied = applyKeyOverrides({'logs.follow': 'x', 'logs.wrap': 'l', 'jobs.new': 'y'});
    expect(applied.problems.map((problem) => problem.message)).toEqual([
      '"x" is already bound to jobs.cancel (job)',
      '"y" is already bound to jobs.copyName (job)',
    ]);
    // `l` opens the logs on the job list only; the dashboard does not offer it.
    expect(applied.keymap.commandFor('l', plain, ['dashboard'])).toBe('logs.wrap');
    expect(applied.keymap.commandFor('l', plain, ['jobs'])).toBe('jobs.logs');
  });

  it('refuses a keys section that is not an object', () => {
    expect(applyKeyOverrides(['x']).problems[0]!.path).toBe('keys');
  });
});
