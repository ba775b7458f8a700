// Display width of a string in terminal columns, with the same answers as `string-width` 8 (which
// Ink and its text helpers use) but without its start-up cost. `string-width` builds an
// Intl.Segmenter and a `\p{RGI_Emoji}` regular expression when it loads; on a 2-core box that
// regex alone costs ~100 ms to build and first run, a third of our first-frame budget. The build
// (scripts/esbuild-plugins.mjs) points every `string-width` import in the bundle at this module.
//
// Fast paths: printable ASCII, then strings whose code points cannot join into multi-code-point
// grapheme clusters (each code point is its own cluster; width 0 if invisible, else its East Asian
// width). Everything else is segmented, and the emoji regex is built only when a cluster
// actually looks like an emoji sequence. test/unit/terminal-text-width.test.ts checks every code
// point and a corpus of sequences against `string-width` itself.
import {eastAsianWidth} from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

const PRINTABLE_ASCII = /^[\u0020-\u007E]*$/;
/** Code points that can extend or combine a grapheme cluster (marks, joiners, selectors, ...). */
// The classes below list joiners, selectors and marks on purpose, one code point at a time.
/* eslint-disable no-misleading-character-class */
const MAY_JOIN =
  /[\p{M}\p{Cf}\u200D\uFE00-\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\uAC00-\uD7A3]/u;
const INVISIBLE =
  /[\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/u;
const EMOJI_COMPONENT = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u20E3\uFE0F]/u;
/* eslint-enable no-misleading-character-class */
const SPACING_MARK = /\p{Spacing_Mark}/u;
const UNQUALIFIED_KEYCAP = /^[\d#*]\u20E3$/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/gu;

let segmenter: Intl.Segmenter | undefined;
let rgiEmoji: RegExp | undefined;

function codePointWidth(char: string, ambiguousAsWide: boolean): number {
  if (INVISIBLE.test(char)) return 0;
  return eastAsianWidth(char.codePointAt(0)!, {ambiguousAsWide});
}

function isWideEmojiSequence(cluster: string): boolean {
  if (!EMOJI_COMPONENT.test(cluster)) return false;
  rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
  if (rgiEmoji.test(cluster)) return true;
  if (UNQUALIFIED_KEYCAP.test(cluster)) return true;
  // Terminals draw a zero-width-joined run of two or more pictographs as one wide glyph.
  return cluster.length <= 50 && cluster.includes('\u200D')
    ? (cluster.match(PICTOGRAPHIC)?.length ?? 0) >= 2
    : false;
}

const isLeadingJamo = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c);
const isVowelJamo = (cp: number) =>
  (cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6);
const isTrailingJamo = (cp: number) =>
  (cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb);
const isJamo = (cp: number) => isLeadingJamo(cp) || isVowelJamo(cp) || isTrailingJamo(cp);

/** Conjoining Hangul jamo: a leading + vowel (+ trailing) run is one wide syllable. */
function jamoRunWidth(codePoints: number[], ambiguousAsWide: boolean): number | undefined {
  if (codePoints.length === 0 || !isJamo(codePoints[0]!)) return undefined;
  let width = 0;
  for (let index = 0; index < codePoints.length; index++) {
    const cp = codePoints[index]!;
    if (!isJamo(cp)) {
      for (const rest of codePoints.slice(index)) width += eastAsianWidth(rest, {ambiguousAsWide});
      return width;
    }
    if (isLeadingJamo(cp) && isVowelJamo(codePoints[index + 1] ?? -1)) {
      width += 2;
      index += isTrailingJamo(codePoints[index + 2] ?? -1) ? 2 : 1;
    } else {
      width += eastAsianWidth(cp, {ambiguousAsWide});
    }
  }
  return width;
}

function clusterWidth(cluster: string, ambiguousAsWide: boolean): number {
  const chars = [...cluster];
  const firstVisible = chars.findIndex((char) => !INVISIBLE.test(char));
  if (firstVisible === -1) return 0;
  if (isWideEmojiSequence(cluster)) return 2;
  const visible = chars.slice(firstVisible);
  const jamo = jamoRunWidth(
    visible.filter((char) => !INVISIBLE.test(char)).map((char) => char.codePointAt(0)!),
    ambiguousAsWide,
  );
  if (jamo !== undefined) return jamo;
  let width = eastAsianWidth(visible[0]!.codePointAt(0)!, {ambiguousAsWide});
  // Spacing marks and halfwidth/fullwidth forms after the base take columns of their own.
  for (const char of visible.slice(1)) {
    if (SPACING_MARK.test(char) || (char >= '\uFF00' && char <= '\uFFEF'))
      width += eastAsianWidth(char.codePointAt(0)!, {ambiguousAsWide});
  }
  return width;
}

export default function terminalTextWidth(input: unknown, options: WidthOptions = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  const ambiguousAsWide = options.ambiguousIsNarrow === false;
  let text = input;
  if (!options.countAnsiEscapeCodes && (text.includes('\u001B') || text.includes('\u009B')))
    text = stripAnsi(text);
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  if (!MAY_JOIN.test(text)) {
    for (const char of text) width += codePointWidth(char, ambiguousAsWide);
    return width;
  }
  segmenter ??= new Intl.Segmenter();
  for (const {segment} of segmenter.segment(text)) {
    width +=
      segment.length <= 2 && [...segment].length === 1
        ? codePointWidth(segment, ambiguousAsWide)
        : clusterWidth(segment, ambiguousAsWide);
  }
  return width;
}
