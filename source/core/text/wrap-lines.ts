// Word wrapping into terminal rows, so a view knows how many rows a text takes before drawing it
// (Ink's own wrapping happens at render time, too late to share a fixed height between parts).
import terminalTextWidth from './terminal-text-width.js';

/** Splits a word wider than `width` into pieces that fit (long URIs, ids). */
function splitWide(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (terminalTextWidth(piece + char) > width && piece !== '') {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * The text as rows of at most `width` columns, broken at spaces; continuation rows start with
 * `indent`. Never loses a character: a word wider than a row is cut into pieces.
 */
export function wrapLines(text: string, width: number, indent = ''): string[] {
  const room = Math.max(4, width);
  if (terminalTextWidth(text) <= room) return [text];
  const rows: string[] = [];
  // Leading spaces (JSON/YAML indentation) stay on the first row.
  const lead = /^ */.exec(text)?.[0] ?? '';
  let row = lead;
  const words = text
    .slice(lead.length)
    .split(/ +/)
    .flatMap((word) => splitWide(word, Math.max(1, room - indent.length)));
  for (const word of words) {
    const fresh = row === '' || (rows.length === 0 && row === lead);
    const candidate = fresh ? row + word : `${row} ${word}`;
    const prefix = rows.length === 0 ? '' : indent;
    if (!fresh && terminalTextWidth(prefix + candidate) > room) {
      rows.push(prefix + row);
      row = word;
    } else row = candidate;
  }
  rows.push((rows.length === 0 ? '' : indent) + row);
  return rows;
}
