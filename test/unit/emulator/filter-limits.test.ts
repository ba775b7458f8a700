// Hostile list filters always get an answer: bounded length, comparisons and nesting (named in
// the error), a linear tokenizer, and display-name wildcards matched without backtracking.
import {describe, expect, it} from 'vitest';
import {
  evaluateFilter,
  FILTER_LIMITS,
  FilterSyntaxError,
  parseFilter,
} from '../../../source/emulator/rpc/filter.js';
import {
  compileJobFilter,
  globMatches,
  jobMatches,
} from '../../../source/emulator/rpc/job-filter.js';

const terms = (n: number, join: string) =>
  Array.from({length: n}, (_, i) => `labels.k${i}="v${i}"`).join(join);

const job = {
  displayName: 'a'.repeat(120),
  state: 'JOB_STATE_RUNNING',
  createTimeNs: 0n,
  labels: {},
};

describe('list filter bounds', () => {
  it('evaluates the most comparisons it accepts, chained with OR, AND or nothing', () => {
    for (const join of [' OR ', ' AND ', ' ']) {
      const expr = parseFilter(terms(FILTER_LIMITS.maxComparisons, join));
      expect(evaluateFilter(expr, () => ({value: 'x'}))).toBe(false);
    }
  });

  it('refuses more comparisons, naming the bound', () => {
    expect(() => parseFilter(terms(FILTER_LIMITS.maxComparisons + 1, ' OR '))).toThrow(
      /more than 500 comparisons .*at most 500/,
    );
  });

  it('refuses a 15,000-term filter at once by its length, naming the limit', () => {
    const started = Date.now();
    expect(() => parseFilter(terms(15_000, ' OR '))).toThrow(
      /it is \d+ characters long; at most 20000 are accepted/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses deep nesting of parentheses or NOT instead of overflowing the stack', () => {
    const deepParens = `${'('.repeat(5000)}state="x"${')'.repeat(5000)}`;
    const deepNot = `${'NOT '.repeat(4000)}state="x"`;
    for (const filter of [deepParens, deepNot])
      expect(() => parseFilter(filter)).toThrow(/nesting deeper than 50 levels/);
    expect(() => parseFilter(`${'('.repeat(50)}state="x"${')'.repeat(50)}`)).not.toThrow();
  });

  it('answers a too long job filter with INVALID_ARGUMENT quoting only its start', () => {
    let error: unknown;
    try {
      compileJobFilter(terms(15_000, ' OR '));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({code: 3});
    expect(String((error as Error).message).length).toBeLessThan(400);
    expect(error).not.toBeInstanceOf(FilterSyntaxError);
  });
});

describe('display-name wildcards', () => {
  it('match as before: anchored, * for any run, the rest literal', () => {
    expect(globMatches('train-run-7', 'train-*')).toBe(true);
    expect(globMatches('train-run-7', '*-7')).toBe(true);
    expect(globMatches('train-run-7', 't*n*7')).toBe(true);
    expect(globMatches('train-run-7', '*run*')).toBe(true);
    expect(globMatches('train-run-7', 'run*')).toBe(false);
    expect(globMatches('ab', 'a*b*b')).toBe(false);
    expect(globMatches('abab', 'a*b*b')).toBe(true);
    expect(globMatches('a.b', 'a.*')).toBe(true);
    expect(globMatches('axb', 'a.*')).toBe(false);
    expect(globMatches('', '*')).toBe(true);
  });

  it('answer at once for many wildcards against a long name that does not match', () => {
    const expr = compileJobFilter(`display_name:"${'*a'.repeat(40)}*b"`);
    const started = Date.now();
    expect(jobMatches(expr, job)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
