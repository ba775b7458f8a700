// What `/` accepts: plain text (matched without case) or /regex/flags.
export function parseSearch(text: string): {regex?: RegExp; error?: string} {
  const literal = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (!literal) return {regex: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')};
  try {
    return {regex: new RegExp(literal[1]!, literal[2]!.replace(/g/g, ''))};
  } catch (error) {
    return {error: `not a regular expression: ${(error as Error).message}`};
  }
}
