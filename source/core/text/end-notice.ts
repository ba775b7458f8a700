// The escape sequences that tell a user a job has ended while they look elsewhere: the terminal
// bell (BEL, which terminals turn into a sound, a flash or an urgency hint, and which tmux and
// screen forward as a window alert over SSH) and a desktop notification. There is no single
// standard for the latter; the two in wide use are
//   OSC 9 ; text BEL              (iTerm2, Windows Terminal, WezTerm, Ghostty, kitty, ConEmu)
//   OSC 777 ; notify ; title ; body BEL   (urxvt, foot, VTE-based terminals, WezTerm, Ghostty)
// Terminals that know neither ignore an OSC they do not understand (ECMA-48 control strings), so
// sending one is safe; sending both could notify twice where both are known, so one is chosen from
// the terminal's own environment variables.
//
// Everything put inside is job data (display names), so it is reduced to printable text with no
// control characters at all: a BEL or ESC inside would end the sequence early and let the rest
// through to the screen; in OSC 777 a ";" would shift the body into the title.

export type EndNoticeKind = 'off' | 'bell' | 'desktop' | 'both';
export const END_NOTICE_KINDS: readonly EndNoticeKind[] = ['off', 'bell', 'desktop', 'both'];

const BEL = '\x07';
const OSC = '\x1b]';
/** Long enough for a job name and its state; desktop notifications truncate anyway. */
const MAX_TEXT = 200;

/** Printable text only: C0, DEL and C1 controls (and the separator, when asked) become spaces. */
export function noticeText(text: string, separator = false): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ');
  return [...(separator ? cleaned.replace(/;/g, ',') : cleaned)].slice(0, MAX_TEXT).join('').trim();
}

/** Which desktop-notification form this terminal most likely understands. */
export function desktopForm(env: Record<string, string | undefined>): 'osc9' | 'osc777' {
  const term = env.TERM ?? '';
  if (env.VTE_VERSION || /^(rxvt|foot)/.test(term)) return 'osc777';
  return 'osc9';
}

/** The bytes to write for `kind` (empty for "off"). */
export function endNoticeSequence(
  kind: EndNoticeKind,
  title: string,
  body: string,
  env: Record<string, string | undefined> = process.env,
): string {
  if (kind === 'off') return '';
  const bell = kind === 'bell' || kind === 'both' ? BEL : '';
  if (kind === 'bell') return bell;
  const desktop =
    desktopForm(env) === 'osc777'
      ? `${OSC}777;notify;${noticeText(title, true)};${noticeText(body, true)}${BEL}`
      : `${OSC}9;${noticeText(`${title}: ${body}`)}${BEL}`;
  return desktop + bell;
}
