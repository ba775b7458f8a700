// Node 20's linear-time regex engine refuses the i flag (user-pattern.ts), but `/error/i` is a
// common search. For a pattern whose only letters are ASCII, /re/i means exactly "each letter in
// either case" (ECMA-262 Canonicalize without u: toUpperCase, never mapping a non-ASCII character
// to an ASCII one), so the pattern is rewritten that way: `e` becomes `[eE]`, `[a-f]` becomes
// `[a-fA-F]`, and the engine runs it without the flag. Anything this does not understand for
// certain (a non-ASCII letter, an identity escape of a letter, an escaped range end) gives
// undefined, and the caller refuses the i flag instead.

const CLASS_ESCAPES = 'dDwWsS';
const CONTROL_ESCAPES: Record<string, number> = {b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, 0: 0};

/** `source` (valid without the u and v flags) with every ASCII letter in both cases. */
export function foldAsciiCase(source: string): string | undefined {
  if ([...source].some((ch) => ch > '\x7f' && ch.toLowerCase() !== ch.toUpperCase()))
    return undefined;
  let out = '';
  for (let i = 0; i < source.length;) {
    const ch = source[i]!;
    if (ch === '[') {
      const folded = foldClass(source, i);
      if (!folded) return undefined;
      out += folded.text;
      i = folded.end;
    } else if (ch === '\\') {
      const escape = escapeAt(source, i, false);
      if (!escape) return undefined;
      // \x41 is a letter too.
      const other = escape.code === undefined ? undefined : bothCases(escape.code);
      out += other === undefined ? escape.text : `[${escape.text}${String.fromCharCode(other)}]`;
      i += escape.text.length;
    } else if (source.startsWith('(?<', i) && !/[=!]/.test(source[i + 3] ?? '')) {
      // A group name is not text to match.
      const end = source.indexOf('>', i);
      out += source.slice(i, end + 1);
      i = end + 1;
    } else {
      out += bothCases(ch.charCodeAt(0))
        ? `[${ch}${String.fromCharCode(bothCases(ch.charCodeAt(0))!)}]`
        : ch;
      i++;
    }
  }
  return out;
}

/** The other case of an ASCII letter. */
function bothCases(code: number): number | undefined {
  if (code >= 65 && code <= 90) return code + 32;
  if (code >= 97 && code <= 122) return code - 32;
  return undefined;
}

/** One escape: its text, and the character it stands for when it is one character. */
function escapeAt(
  source: string,
  at: number,
  inClass: boolean,
): {text: string; code?: number} | undefined {
  const next = source[at + 1] ?? '';
  const hex = (length: number) => {
    const digits = source.slice(at + 2, at + 2 + length);
    return /^[0-9a-f]+$/i.test(digits) && digits.length === length
      ? {text: source.slice(at, at + 2 + length), code: parseInt(digits, 16)}
      : undefined;
  };
  if (next === 'x') return hex(2);
  if (next === 'u') return hex(4);
  if (next === 'c' && /[a-z]/i.test(source[at + 2] ?? ''))
    return {text: source.slice(at, at + 3), code: source.charCodeAt(at + 2) % 32};
  if (next === 'k' && !inClass) {
    const end = source.indexOf('>', at);
    return end < 0 ? undefined : {text: source.slice(at, end + 1)};
  }
  if (CLASS_ESCAPES.includes(next)) return {text: `\\${next}`};
  if (next === 'b' && !inClass) return {text: '\\b'};
  if (next === 'B' && !inClass) return {text: '\\B'};
  if (next in CONTROL_ESCAPES && !/[0-9]/.test(source[at + 2] ?? ''))
    return {text: `\\${next}`, code: CONTROL_ESCAPES[next]};
  if (/[1-9]/.test(next) && !inClass) return {text: `\\${next}`};
  // An escaped punctuation character stands for itself; an escaped letter or digit we do not
  // know (an identity escape, an octal) is left to the caller's refusal.
  if (/[^A-Za-z0-9]/.test(next) && next !== '')
    return {text: `\\${next}`, code: next.charCodeAt(0)};
  return undefined;
}

/** A class `[…]` at `at`, with the other case of each letter and range added before `]`. */
function foldClass(source: string, at: number): {text: string; end: number} | undefined {
  let i = at + 1;
  let text = '[';
  if (source[i] === '^') {
    text += '^';
    i++;
  }
  let extra = '';
  const atom = (j: number): {text: string; code?: number} | undefined =>
    source[j] === '\\'
      ? escapeAt(source, j, true)
      : j < source.length
        ? {text: source[j]!, code: source.charCodeAt(j)}
        : undefined;
  while (i < source.length && source[i] !== ']') {
    const low = atom(i);
    if (!low) return undefined;
    i += low.text.length;
    if (source[i] === '-' && i + 1 < source.length && source[i + 1] !== ']') {
      const high = atom(i + 1);
      if (!high || low.code === undefined || high.code === undefined) return undefined;
      text += `${low.text}-${high.text}`;
      extra += otherCaseRanges(low.code, high.code);
      i += 1 + high.text.length;
    } else {
      text += low.text;
      if (low.code !== undefined) extra += otherCaseRanges(low.code, low.code);
    }
  }
  if (source[i] !== ']') return undefined;
  return {text: `${text}${extra}]`, end: i + 1};
}

/** The letters of low..high in the other case, as class text. */
function otherCaseRanges(low: number, high: number): string {
  let text = '';
  for (const [from, to, shift] of [
    [97, 122, -32],
    [65, 90, 32],
  ] as const) {
    const start = Math.max(low, from);
    const end = Math.min(high, to);
    if (start > end) continue;
    text += String.fromCharCode(start + shift);
    if (end > start) text += `-${String.fromCharCode(end + shift)}`;
  }
  return text;
}
