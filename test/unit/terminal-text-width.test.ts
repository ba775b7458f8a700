import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import terminalTextWidth from '../../source/core/text/terminal-text-width.js';

// The bundle swaps string-width for terminalTextWidth; Ink's layout depends on both agreeing.
const SEQUENCES = [
  'plain ascii',
  'New training job  step 1/6 ❯ › · × … ✓ ✗ ● ○ ▲ ▼ ─│┌┐',
  'naïve café (e + \u0301)',
  '日本語のテキスト 中文 한국어',
  '\u1100\u1161\u11A8 \u1100\u1161 \u1100 \uAC00\u11A8 \uA960\uD7B0\uD7CB',
  'नमस्ते क्षत्रिय', // Devanagari: spacing marks and viramas
  'สวัสดี ครับ', // Thai
  'ﾊﾝｶｸ ｶﾀｶﾅ Ｆｕｌｌ',
  '👍 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 🇺 #️⃣ 1⃣ ©️ © ❤️ ❤ ☺️ ⌚ 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '🧑🏿‍🤝‍🧑🏻 🫱🏼‍🫲🏾 🐈‍⬛ 😶‍🌫️ x\u200Dy a\uFE0F',
  '\u001B[31mred\u001B[39m and \u001B]8;;https://example.com\u0007link\u001B]8;;\u0007',
  'tab\there, bell\u0007, nul\u0000, zero\u200Bwidth, bom\uFEFF',
  '\u0600\u0661 \u0915\u093F \u0BB8\u0BCD\u0BA4\u0BC2',
  '±§¶ ambiguous ① ② ★ ☆ Ω',
];

describe('terminalTextWidth matches string-width 8', () => {
  // Planes 0-1 hold every script, symbol and emoji; above them, a stride keeps the run short.
  it('for every code point of planes 0-1 and a sample above, on its own', {timeout: 60_000}, () => {
    const mismatches: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x20000 ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      const expected = stringWidth(char);
      if (terminalTextWidth(char) !== expected) mismatches.push(cp.toString(16));
    }
    expect(mismatches).toEqual([]);
  });

  it.each(SEQUENCES)('for %s', (text) => {
    expect(terminalTextWidth(text)).toBe(stringWidth(text));
    expect(terminalTextWidth(text, {ambiguousIsNarrow: false})).toBe(
      stringWidth(text, {ambiguousIsNarrow: false}),
    );
    expect(terminalTextWidth(text, {countAnsiEscapeCodes: true})).toBe(
      stringWidth(text, {countAnsiEscapeCodes: true}),
    );
  });

  it('for every grapheme cluster of the corpus, one at a time', () => {
    const segmenter = new Intl.Segmenter();
    for (const text of SEQUENCES)
      for (const {segment} of segmenter.segment(text))
        expect([segment, terminalTextWidth(segment)]).toEqual([segment, stringWidth(segment)]);
  });

  it('for random mixes of the corpus clusters', () => {
    const clusters = SEQUENCES.flatMap((text) =>
      [...new Intl.Segmenter().segment(text)].map((part) => part.segment),
    );
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let run = 0; run < 500; run++) {
      const text = Array.from(
        {length: 1 + (next() % 12)},
        () => clusters[next() % clusters.length],
      ).join('');
      expect([text, terminalTextWidth(text)]).toEqual([text, stringWidth(text)]);
    }
  });

  it('treats non-strings and empty strings as zero columns', () => {
    expect(terminalTextWidth('')).toBe(0);
    expect(terminalTextWidth(undefined)).toBe(0);
  });
});
