// Reading shell command text the way a user's shell would, for tests of the commands the app
// shows: bash itself parses the text (quotes, backslash-newline continuations), but the command
// never runs, because `gcloud` and `curl` are shadowed by functions that print their arguments.
import {execFileSync} from 'node:child_process';

const PRINT_ARGV = [
  `gcloud() { printf '%s\\0' gcloud "$@"; }`,
  `curl() { printf '%s\\0' curl "$@"; }`,
  // The text arrives on stdin (never as part of this script), and is parsed as shell input.
  'eval "$(cat)"',
].join('\n');

/** The argv bash reads from `text` (one command, possibly over several lines). */
export function bashArgv(text: string): string[] {
  const output = execFileSync('bash', ['--noprofile', '--norc', '-c', PRINT_ARGV], {
    input: text,
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin'},
    timeout: 10_000,
  }).toString();
  return output.split('\0').slice(0, -1);
}

/**
 * The rows a user would select to copy the command off a screen: from the row that starts with
 * `program` through the first row that does not end in a backslash continuation.
 */
export function copiedCommand(screen: string, program = 'gcloud'): string {
  const rows = screen.split('\n');
  const first = rows.findIndex((row) => row.startsWith(`${program} `));
  if (first < 0) throw new Error(`no row starts with "${program} " on the screen:\n${screen}`);
  const last = rows.findIndex((row, index) => index >= first && !row.endsWith('\\'));
  if (last < 0) throw new Error(`the command's last row is not on the screen:\n${screen}`);
  return rows.slice(first, last + 1).join('\n');
}
