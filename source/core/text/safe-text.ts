// Text from outside the app (trainer output, job and display names, labels, server errors, YAML)
// must never reach the terminal as control codes: an OSC sequence retitles the window, a CSI one
// moves the cursor and tears the frame, a backspace edits what is shown. `safeText` turns any
// string into one that only prints: escape sequences are removed, other controls are shown as
// their visible Unicode "control pictures" (␈, ␛, …) and tabs are expanded.
//
// Sequences recognised (ECMA-48): CSI (ESC [ or 0x9B) … final byte; OSC / DCS / SOS / PM / APC
// (ESC ] P X ^ _ or their C1 forms) … terminated by BEL or ST (ESC \ or 0x9C), or cut at the end
// of the string; any other ESC + intermediates + final byte.

export interface SafeTextOptions {
  /** Keep "\n" (multi-line text such as YAML or a traceback); otherwise it shows as "␤". */
  multiline?: boolean;
  /** Columns between tab stops. */
  tabWidth?: number;
}

// Each alternative matches one whole escape sequence; the string-type ones may be unterminated.
const SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;

/** The SGR ("select graphic rendition": colour and style) sequences, which a parser may keep. */
// eslint-disable-next-line no-control-regex
export const SGR_SEQUENCE = /\x1b\[([\d;:]*)m/g;

function controlPicture(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  // C1 controls (0x80–0x9f) have no pictures; a replacement character says something was there.
  return '�';
}

/** What a terminal would leave on screen for a line redrawn with carriage returns (tqdm bars). */
function lastRedraw(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r');
  for (let index = parts.length - 1; index >= 0; index -= 1) if (parts[index]) return parts[index]!;
  return '';
}

function expandTabs(line: string, tabWidth: number): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let column = 0;
  for (const char of line) {
    if (char === '\t') {
      const pad = tabWidth - (column % tabWidth);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += char;
      column += 1;
    }
  }
  return out;
}

/** Removes every escape sequence; nothing else changes. */
export function stripEscapeSequences(text: string): string {
  return text.replace(SEQUENCE, '');
}

/** `text` with no escape sequence and no control character left (see the module comment). */
export function safeText(text: string, options: SafeTextOptions = {}): string {
  const tabWidth = options.tabWidth ?? 8;
  const lines = stripEscapeSequences(text).split('\n');
  const shown = lines.map((line) =>
    // eslint-disable-next-line no-control-regex
    expandTabs(lastRedraw(line), tabWidth).replace(/[\x00-\x1f\x7f-\x9f]/g, controlPicture),
  );
  return shown.join(options.multiline ? '\n' : '␤');
}
