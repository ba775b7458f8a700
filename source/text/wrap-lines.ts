// Word wrapping into terminal rows, so a view knows how many rows a text takes before drawing it
// (Ink's own wrapping happens at render time, too late to share a fixed height between parts).
import terminalTextWidth from '../app/terminal-text-width.js';

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
  const rows: string[] = [];
  let row = '';
  const words = text.split(/ +/).flatMap((word) => splitWide(word, room - indent.length));
  for (const word of words) {
    const candidate = row === '' ? word : `${row} ${word}`;
    const prefix = rows.length === 0 ? '' : indent;
    if (row !== '' && terminalTextWidth(prefix + candidate) > room) {
      rows.push(prefix + row);
      row = word;
    } else row = candidate;
  }
  rows.push((rows.length === 0 ? '' : indent) + row);
  return rows;
}
