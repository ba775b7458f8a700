// What `/` accepts: plain text (matched without case) or /regex/flags, which runs on the
// linear-time engine (core/text/user-pattern.ts) so no pattern can freeze the dashboard.
import {compileUserRegex, plainTextPattern} from '../../../core/text/user-pattern.js';

export function parseSearch(text: string): {regex?: RegExp; error?: string} {
  const literal = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (!literal) return {regex: plainTextPattern(text)};
  return compileUserRegex(literal[1]!, literal[2]!.replace(/g/g, ''), text);
}
