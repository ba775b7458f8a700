// A shell command line cut into rows for a screen narrower than the line. Every row a view draws
// becomes a real line break in text copied from the terminal, so a word is broken only where a
// POSIX shell joins it back: at a backslash-newline, which the shell removes before it splits the
// line into words (inside single quotes a backslash is literal, so the quote is closed before the
// break and reopened after it). Breaks go after a comma (gcloud's key=value list separator) where
// one fits. The next row starts in column 0: an indent there would split the word in two.
import terminalTextWidth from './terminal-text-width.js';

type Quote = 'none' | 'single' | 'double';

/** What a row ends with and the next one starts with, to break inside each kind of quoting. */
const BREAK: Record<Quote, {end: string; start: string}> = {
  none: {end: '\\', start: ''},
  double: {end: '\\', start: ''},
  single: {end: "'\\", start: "'"},
};

interface Boundary {
  /** Index (in code points) of the first character after the break. */
  at: number;
  quote: Quote;
  /**
   * 1: after a comma; 2: after other punctuation of a URI or name (`/`, `:`, `.`, `-`, `=`…);
   * 3: between letters or digits; 4: anywhere else that does not split an escape or a `$…`.
   */
  tier: Tier;
}
type Tier = 1 | 2 | 3 | 4;
const TIERS: readonly Tier[] = [1, 2, 3, 4];

const PLAIN = /^[A-Za-z0-9_@%+=:./-]$/;
const PUNCTUATION = /^[_@%+=:./-]$/;

function tierOf(before: string, after: string): Tier {
  if (before === ',') return 1;
  if (!PLAIN.test(before) || !PLAIN.test(after)) return 4;
  return PUNCTUATION.test(before) ? 2 : 3;
}

/** The places a break may go, with the quoting in force there. */
function boundaries(chars: readonly string[]): Boundary[] {
  const out: Boundary[] = [];
  let quote: Quote = 'none';
  let escaped = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (i > 0 && !escaped) {
      const before = chars[i - 1]!;
      const tier = tierOf(before, char);
      // Never between `$` and what it expands, nor beside a space between words.
      const between = quote === 'none' && (before === ' ' || char === ' ');
      if (before !== '$' && !between) out.push({at: i, quote, tier});
    }
    escaped = false;
    if (quote === 'single') {
      if (char === "'") quote = 'none';
    } else if (char === '\\') escaped = true;
    else if (quote === 'double') {
      if (char === '"') quote = 'none';
    } else if (char === "'") quote = 'single';
    else if (char === '"') quote = 'double';
  }
  return out;
}

/**
 * `line` as rows of at most `width` columns that a shell reads as the same line: each row but the
 * last ends in a backslash continuation inside a word, after a comma where one fits. A line that
 * fits is returned whole.
 */
export function shellRows(line: string, width: number): string[] {
  if (terminalTextWidth(line) <= width) return [line];
  const chars = [...line];
  const places = boundaries(chars);
  const rows: string[] = [];
  let start = 0;
  let prefix = '';
  for (;;) {
    const rest = prefix + chars.slice(start).join('');
    if (terminalTextWidth(rest) <= width) break;
    const fits = (b: Boundary) =>
      b.at > start &&
      terminalTextWidth(prefix + chars.slice(start, b.at).join('') + BREAK[b.quote].end) <= width;
    const fitting = places.filter(fits);
    const best =
      TIERS.map((tier) => fitting.filter((b) => b.tier === tier).pop()).find(
        (b) => b !== undefined,
      ) ??
      // Nothing fits (a very narrow screen): the shortest row that is still a valid break.
      places.find((b) => b.at > start);
    if (!best) break;
    rows.push(prefix + chars.slice(start, best.at).join('') + BREAK[best.quote].end);
    prefix = BREAK[best.quote].start;
    start = best.at;
  }
  rows.push(prefix + chars.slice(start).join(''));
  return rows;
}
