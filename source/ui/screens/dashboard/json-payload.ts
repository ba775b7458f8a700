// JSON in log entries: a jsonPayload (structured logging), or a text payload that is itself a JSON
// object or array. On one line the view shows the message and the payload's other fields compact;
// on demand (`p`) each such entry is laid out as indented JSON. Every string that reaches the
// terminal goes through safeText (JSON.stringify escapes controls, but not bidi or C1 characters).
import type {LogLine} from '../../../services/vertex/log-line.js';
import {safeText} from '../../../core/text/safe-text.js';

// Parsed payloads of the lines on screen, kept while their lines live.
const parsed = new WeakMap<LogLine, unknown>();

function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON an entry carries, or undefined for plain text. */
export function jsonOf(line: LogLine): unknown {
  if (parsed.has(line)) return parsed.get(line);
  let value: unknown;
  if (line.payloadJson !== undefined) value = parseJson(line.payloadJson);
  else {
    const text = line.message.trim();
    if (
      (text.startsWith('{') && text.endsWith('}')) ||
      (text.startsWith('[') && text.endsWith(']'))
    )
      value = parseJson(text);
  }
  parsed.set(line, value);
  return value;
}

/**
 * The fields of a jsonPayload besides the message the line already shows, compact on one line;
 * undefined when there are none (or the message is the whole payload).
 */
export function payloadExtras(line: LogLine): string | undefined {
  if (line.payloadJson === undefined || line.payloadJson === line.message) return undefined;
  const payload = jsonOf(line) as Record<string, unknown> | undefined;
  if (!payload || typeof payload.message !== 'string') return undefined;
  const {message: _message, ...rest} = payload;
  if (Object.keys(rest).length === 0) return undefined;
  return safeText(JSON.stringify(rest));
}

/** What a search looks through: the message, and a jsonPayload's other fields as shown. */
export function searchText(line: LogLine): string {
  return line.payloadJson === undefined || line.payloadJson === line.message
    ? line.message
    : `${line.message} ${line.payloadJson}`;
}

export interface JsonRow {
  indent: string;
  /** A key with its quotes and colon ("\"loss\": "), or empty. */
  key: string;
  value: string;
}

const KEYED = /^(\s*)("(?:[^"\\]|\\.)*": )(.*)$/;

/** The entry's JSON as indented rows (two spaces a level), key and value apart for colour. */
export function prettyJsonRows(value: unknown): JsonRow[] {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((row) => {
      const keyed = KEYED.exec(row);
      if (keyed) return {indent: keyed[1]!, key: safeText(keyed[2]!), value: safeText(keyed[3]!)};
      const indent = /^\s*/.exec(row)![0];
      return {indent, key: '', value: safeText(row.slice(indent.length))};
    });
}
