// The shared field kit of the wizard's step modules: argument and duration parsing, and a field as
// the form shows and cycles it.
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG} from '../../../source/core/job-spec/index.js';
import {
  cycleChoice,
  formatDuration,
  joinArgs,
  pairs,
  parseDuration,
  shownValue,
  splitArgs,
  type ChoiceField,
} from '../../../source/ui/screens/wizard/steps/field-kit.js';
import {baseDraft} from '../job-spec/fixtures.js';

const ctx = {catalog: BUILTIN_CATALOG, today: '2026-01-01', pool: 0};

describe('arguments', () => {
  it('splits like a shell without running one, and joins back what it split', () => {
    expect(splitArgs(`--lr 0.1 --name "my run" --empty ''`)).toEqual([
      '--lr',
      '0.1',
      '--name',
      'my run',
      '--empty',
      '',
    ]);
    expect(splitArgs(joinArgs(['--name', 'my run', '']))).toEqual(['--name', 'my run', '']);
  });

  it('reads KEY=VALUE pairs, or says which item has no key', () => {
    expect(pairs('a=1, b = x=y')).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
    ]);
    expect(pairs('a=1, nokey')).toMatch(/"nokey" has no KEY=/);
  });
});

describe('durations', () => {
  it('reads 24h, 90m, 45s and plain seconds; empty is no value', () => {
    expect(parseDuration('24h')).toBe(86_400);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('45s')).toBe(45);
    expect(parseDuration('120')).toBe(120);
    expect(parseDuration('  ')).toBeUndefined();
    expect(parseDuration('soon')).toMatch(/write a duration/);
  });

  it('shows the largest whole unit', () => {
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(90 * 60)).toBe('90m');
    expect(formatDuration(61)).toBe('61s');
    expect(formatDuration(undefined)).toBe('');
  });
});

describe('a choice field', () => {
  const field: ChoiceField = {
    id: 'displayName',
    label: 'Name',
    kind: 'choice',
    options: () => [
      {value: 'a', label: 'first'},
      {value: 'b', label: 'second'},
    ],
    get: (draft) => draft.displayName,
    set: (draft, value) => ({...draft, displayName: value}),
  };

  it("shows its option's label, or the raw value when no option has it", () => {
    expect(shownValue(field, baseDraft({displayName: 'b'}), ctx)).toBe('second');
    expect(shownValue(field, baseDraft({displayName: 'zzz'}), ctx)).toBe('zzz');
  });

  it('cycles through its options both ways, wrapping around', () => {
    expect(cycleChoice(field, baseDraft({displayName: 'b'}), ctx, 1).displayName).toBe('a');
    expect(cycleChoice(field, baseDraft({displayName: 'a'}), ctx, -1).displayName).toBe('b');
  });
});
