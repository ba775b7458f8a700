import {describe, expect, it} from 'vitest';
import {safeText, stripEscapeSequences} from '../../source/core/text/safe-text.js';
import {styledSpans} from '../../source/core/text/sgr-spans.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('safeText', () => {
  it.each([
    ['OSC title with BEL', 'a\x1b]0;TITLE\x07b', 'ab'],
    ['OSC with ST', 'a\x1b]2;x\x1b\\b', 'ab'],
    ['OSC 8 hyperlink', '\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['unterminated OSC', 'ok\x1b]0;never ends', 'ok'],
    ['C1 OSC', 'a\x9d0;t\x9cb', 'ab'],
    ['DCS', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
    ['CSI cursor moves', 'a\x1b[2J\x1b[H\x1b[10;20Hb', 'ab'],
    ['CSI private mode', 'a\x1b[?1049hb', 'ab'],
    ['C1 CSI', 'a\x9b2Jb', 'ab'],
    ['SGR colours', '\x1b[31mred\x1b[0m', 'red'],
    ['two-byte escape', 'a\x1bcb\x1b7c', 'abc'],
    ['charset escape', 'a\x1b(Bb', 'ab'],
  ])('removes %s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('shows other control characters as visible pictures', () => {
    expect(safeText('a\bb\x00c\x7fd')).toBe('a␈b␀c␡d');
    expect(safeText('bell\x07')).toBe('bell␇');
    expect(safeText('c1\x85x')).toBe('c1�x');
  });

  it('keeps what a terminal would show after carriage returns', () => {
    expect(safeText(' 10%|#   \r 50%|#####\r100%|##########')).toBe('100%|##########');
    expect(safeText('done\r')).toBe('done');
  });

  it('expands tabs to stops and folds newlines unless multi-line', () => {
    expect(safeText('a\tb')).toBe('a       b');
    expect(safeText('abc\td', {tabWidth: 4})).toBe('abc d');
    expect(safeText('one\ntwo')).toBe('one␤two');
    expect(safeText('one\ntwo\x1b[K', {multiline: true})).toBe('one\ntwo');
  });

  it('leaves no control character in any string of random bytes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 2000; run += 1) {
      const chars = Array.from({length: 40}, () =>
        String.fromCharCode(random() < 0.5 ? Math.floor(random() * 0xa0) : 0x1b),
      ).join('');
      const shown = safeText(chars, {multiline: true});
      expect(shown).not.toMatch(CONTROL);
      expect(shown).not.toContain('\x1b');
    }
  });

  it('stripEscapeSequences keeps plain text intact', () => {
    expect(stripEscapeSequences('plain ✓ 漢字')).toBe('plain ✓ 漢字');
  });
});

describe('styledSpans', () => {
  it('keeps SGR colours as styles and nothing else', () => {
    expect(styledSpans('\x1b[1;32mok\x1b[0m rest')).toEqual([
      {text: 'ok', style: {bold: true, color: 'green'}},
      {text: ' rest', style: {}},
    ]);
  });

  it('reads 256-colour and true-colour forms', () => {
    expect(styledSpans('\x1b[38;5;196mx')[0]!.style.color).toBe('#ff0000');
    expect(styledSpans('\x1b[38;2;1;2;3my')[0]!.style.color).toBe('#010203');
    expect(styledSpans('\x1b[48;5;2mz')[0]!.style.backgroundColor).toBe('green');
  });

  it('drops non-colour sequences inside coloured text', () => {
    const spans = styledSpans('\x1b[33mwarn\x1b]0;pwned\x07ing\x1b[2K\x1b[0m');
    expect(spans).toEqual([{text: 'warning', style: {color: 'yellow'}}]);
  });
});
