// POSIX quoting for *displaying* commands the user may copy; nothing here is ever executed.
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}
