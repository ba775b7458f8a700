// Saves log lines to a text file: one `TIMESTAMP [replica] text` line per entry, terminal-safe,
// written to a temporary file beside the target and renamed into place, so an interrupted save
// never leaves a half-written file under the user's name.
import fs from 'node:fs/promises';
import path from 'node:path';
import {safeText} from '../../core/text/safe-text.js';
import {cursorIso, type LogLine} from '../vertex/log-line.js';

export function logFileText(lines: Iterable<LogLine>): string {
  let text = '';
  for (const line of lines) {
    const message = safeText(line.message, {multiline: true}).replace(/\n/g, '\n  ');
    text += `${cursorIso(line)} ${line.severity.padEnd(8)} [${safeText(line.replica)}] ${message}\n`;
  }
  return text;
}

/** Writes the lines; resolves to the absolute path written. */
export async function saveLog(target: string, lines: Iterable<LogLine>): Promise<string> {
  const absolute = path.resolve(target);
  const temporary = path.join(
    path.dirname(absolute),
    `.${path.basename(absolute)}.${process.pid}.tmp`,
  );
  try {
    await fs.writeFile(temporary, logFileText(lines), {mode: 0o600, flag: 'wx'});
    await fs.rename(temporary, absolute);
  } catch (error) {
    await fs.rm(temporary, {force: true});
    throw error;
  }
  return absolute;
}
