// /re/i on an engine without the i flag: the rewritten pattern, run without the flag, matches
// exactly what the original matches with it (native RegExp as the oracle), and what the rewrite
// cannot be sure of is left to the caller's refusal.
import {describe, expect, it} from 'vitest';
import {foldAsciiCase} from '../../source/core/text/fold-ascii-case.js';

const INPUTS = [
  'Error: disk FULL',
  'error 42',
  'WARNING x=3',
  'warn',
  'Epoch 7/10 loss=0.25',
  'abc-XYZ_09',
  'a\tb\nc',
  'Q[uote]',
  '(group) {braces}',
  'tab\\there',
  'ÉCOLE école',
  '^caret$',
  'name: Bob',
];

describe('foldAsciiCase', () => {
  it.each([
    'error',
    'ERROR|warn(ing)?',
    '^epoch \\d+/\\d+',
    'loss=0\\.\\d+',
    '[a-f]+',
    '[^a-z\\s]+',
    '[A-Za-z]{3}',
    '[0-z]',
    '[\\x41-\\x43]x',
    '[\\-_]',
    '\\x41\\u0062C',
    '\\bwarn\\b',
    '\\Bar',
    '(?<word>[a-z]+): bob',
    '(?:q)\\[uote\\]',
    '\\(group\\) \\{braces\\}',
    'a\\tb\\nc',
    '\\\\t',
    'x{ab}',
    '\\cI',
    '[\\b]',
    '\\^caret\\$',
  ])('/%s/i matches what the rewrite matches', (source) => {
    const folded = foldAsciiCase(source);
    expect(folded).toBeDefined();
    const native = new RegExp(source, 'ig');
    const rewritten = new RegExp(folded!, 'g');
    for (const input of INPUTS)
      expect([...input.matchAll(rewritten)].map((m) => [m.index, m[0]])).toEqual(
        [...input.matchAll(native)].map((m) => [m.index, m[0]]),
      );
  });

  it('writes letters in both cases', () => {
    expect(foldAsciiCase('Err\\d[a-c]')).toBe('[Ee][rR][rR]\\d[a-cA-C]');
  });

  it.each(['école', '[é]', '\\q', '[\\d-z]', '\\p{L}'])(
    'leaves %s to the caller (non-ASCII letter or an escape it does not know)',
    (source) => {
      expect(foldAsciiCase(source)).toBeUndefined();
    },
  );
});
