// Copy to the user's clipboard with OSC 52, which terminals (and tmux with set-clipboard) pass to
// the local machine, so it works over SSH too. We emit the sequence ourselves: the text is ours
// (a resource name), base64-encoded, so nothing from outside reaches the terminal raw.
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

export function copyToClipboard(
  text: string,
  stream: NodeJS.WriteStream = process.stdout,
): boolean {
  if (!stream.isTTY) return false;
  try {
    stream.write(osc52(text));
    return true;
  } catch {
    return false;
  }
}
