// User regexes (dashboard `/` search, `logs --grep`) run on V8's linear-time engine: the
// catastrophic patterns of issue #23 item 5 finish at once over long inputs, and patterns the
// engine cannot run are refused with one line naming the pattern and the rule.
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
  compileUserRegex,
  globalCopy,
  hasLinearEngine,
  plainTextPattern,
} from '../../source/core/text/user-pattern.js';
import {parseSearch} from '../../source/ui/screens/dashboard/search.js';
import {parseLogsArgs} from '../../source/entry/commands/logs-args.js';

const CATASTROPHIC: Array<[string, string]> = [
  ['(a+)+$', 'a'.repeat(100_000) + '!'],
  ['(a+)+b', 'a'.repeat(100_000) + '!'],
  ['(a|a)*c', 'a'.repeat(100_000) + '!'],
  ['^(\\w+\\s?)*$', 'word '.repeat(20_000) + '!'],
  ['(.*a){12}', 'a'.repeat(5_000)],
];

function compiled(source: string, flags = ''): RegExp {
  const pattern = compileUserRegex(source, flags, `/${source}/`);
  expect(pattern.error).toBeUndefined();
  // Checked before running: a backtracking RegExp would hang here instead of failing.
  expect(pattern.regex!.flags).toContain('l');
  return pattern.regex!;
}

describe('compileUserRegex', () => {
  it('has the linear-time engine on this Node', () => {
    expect(hasLinearEngine()).toBe(true);
  });

  it.each(CATASTROPHIC)('runs %s over a long input in linear time', (source, input) => {
    const regex = compiled(source);
    const started = performance.now();
    regex.test(input);
    expect([...input.matchAll(globalCopy(regex))].length).toBeGreaterThanOrEqual(0);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each(['(a+)+$', '(a|a)*c'])('%s takes time linear in the input', (source) => {
    const regex = compiled(source);
    const best = (length: number) => {
      const input = 'a'.repeat(length) + '!';
      let fastest = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        regex.test(input);
        fastest = Math.min(fastest, performance.now() - started);
      }
      return Math.max(fastest, 0.5);
    };
    // 16 times the input: about 16 times the time when linear, 256 when quadratic.
    expect(best(400_000) / best(25_000)).toBeLessThan(64);
  });

  it('produces regexes that a separate, killable process runs quickly (fails on a plain RegExp)', () => {
    // The proof that does not depend on this process surviving: the regex's own source and flags,
    // rebuilt in a child node that is killed after 10 s. A backtracking RegExp (no `l`) would
    // still be running then.
    for (const [source, input] of CATASTROPHIC.slice(0, 2)) {
      const regex = compiled(source);
      const child = spawnSync(
        process.execPath,
        [
          '--enable-experimental-regexp-engine',
          '-e',
          `const [s, f, n] = process.argv.slice(1); process.stdout.write(String(new RegExp(s, f).test('a'.repeat(+n) + '!')))`,
          regex.source,
          regex.flags,
          String(input.length - 1),
        ],
        {timeout: 10_000, encoding: 'utf8'},
      );
      expect(child.signal).toBeNull();
      expect(child.stdout).toBe('false');
    }
  });

  it('still matches what a RegExp matches', () => {
    expect(compiled('err(or)?\\s+\\d+').test('fatal error  42')).toBe(true);
    expect(compiled('^step \\d+$', 'm').test('x\nstep 12\ny')).toBe(true);
    expect(compiled('a.b', 's').test('a\nb')).toBe(true);
    expect(compiled('^x{16}$').test('x'.repeat(16))).toBe(true);
    expect('xaab aa'.match(globalCopy(compiled('a+')))).toEqual(['aa', 'aa']);
  });

  it.each([
    [
      '(a)\\1',
      /: backreferences \(\\1, \\k<name>\) cannot run in the safe \(linear-time\) regex engine; rewrite the pattern without it\.$/,
    ],
    ['(?<a>x)\\k<a>', /: backreferences/],
    ['foo(?!bar)', /: lookarounds/],
    ['(a)\\1(?=b)', /: backreferences .* and lookarounds .* without them\.$/],
    [
      'x{48}!',
      /: counted repetitions above \{16\} \(here \{48\}\) .* without it \(\+ and \* have no limit\)\.$/,
    ],
    ['.{0,200}', /: counted repetitions above \{16\} \(here \{0,200\}\)/],
  ])('refuses %s in one line naming the pattern and the rule', (source, rule) => {
    const pattern = compileUserRegex(source, '', `--grep "${source}"`);
    expect(pattern.regex).toBeUndefined();
    expect(pattern.error).toMatch(rule);
    expect(pattern.error!.startsWith(`--grep "${source}": `)).toBe(true);
    expect(pattern.error).not.toContain('\n');
  });

  it('runs /re/i without case, linear, where the engine lacks the i flag', () => {
    const regex = compiled('(A+)+B|error', 'i');
    expect(regex.test('fatal ERROR')).toBe(true);
    expect(regex.test('a'.repeat(100_000) + '!')).toBe(false);
  });

  it('runs a lookbehind linear where the engine can (Node 24), else refuses it naming the rule', () => {
    const pattern = compileUserRegex('(?<=a)b', '', '--grep "(?<=a)b"');
    if (pattern.regex) {
      expect(pattern.regex.flags).toContain('l');
      expect(pattern.regex.test('ab')).toBe(true);
      expect(pattern.regex.test('cb')).toBe(false);
    } else expect(pattern.error).toMatch(/^--grep "\(\?<=a\)b": lookarounds/);
  });

  it('names a flag the engine cannot run, or accepts it where the engine can', () => {
    const pattern = compileUserRegex('école', 'i', '/école/i');
    if (pattern.regex) expect(pattern.regex.flags).toContain('l');
    else
      expect(pattern.error).toMatch(
        /^\/école\/i: the i flag cannot run in the safe \(linear-time\) regex engine with non-ASCII letters/,
      );
    const unicode = compileUserRegex('x', 'u', '/x/u');
    if (unicode.regex) expect(unicode.regex.flags).toContain('l');
    else expect(unicode.error).toMatch(/^\/x\/u: the u flag cannot run in the safe/);
  });

  it('reports a syntax error as such', () => {
    expect(compileUserRegex('(', '', '/(/').error).toMatch(
      /^\/\(\/ is not a valid regular expression \(Unterminated group\)/,
    );
  });

  it('keeps plain text plain, without case', () => {
    expect(plainTextPattern('(a+)+$').test('x (A+)+$ y')).toBe(true);
    expect(plainTextPattern('(a+)+$').test('aaaa')).toBe(false);
  });
});

describe('the callers use it', () => {
  it('dashboard search: /(a+)+b/ runs linear, text stays text', () => {
    const search = parseSearch('/(a+)+b/');
    expect(search.regex!.flags).toContain('l');
    expect(search.regex!.test('a'.repeat(100_000) + '!')).toBe(false);
    expect(parseSearch('/(a)\\1/').error).toMatch(/^\/\(a\)\\1\/: backreferences/);
    expect(parseSearch('(a+)+b').regex!.test('(A+)+B')).toBe(true);
  });

  it("logs --grep '(a+)+$' runs linear; a refused one is a usage error", () => {
    const options = parseLogsArgs(['123', '--grep', '(a+)+$']);
    expect(options.grep!.flags).toContain('l');
    expect(options.grep!.test('a'.repeat(100_000) + '!')).toBe(false);
    expect(() => parseLogsArgs(['123', '--grep', '(a)\\1'])).toThrow(
      /--grep "\(a\)\\1": backreferences/,
    );
    expect(() => parseLogsArgs(['123', '--grep', '('])).toThrow(
      /is not a valid regular expression .*escape special characters/,
    );
  });
});
