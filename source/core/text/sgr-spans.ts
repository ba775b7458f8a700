// Colour from trainers (tqdm, rich, coloured loggers) is worth keeping, but only colour: this
// parser reads SGR sequences into styled spans and can emit nothing else. Every span's text has
// been through safeText, so a span can be printed as it is.
import {safeText, SGR_SEQUENCE} from './safe-text.js';

export interface SpanStyle {
  /** An Ink colour: a named colour or "#rrggbb". */
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface StyledSpan {
  text: string;
  style: SpanStyle;
}

const BASIC = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const BRIGHT = BASIC.map((name) => `${name}Bright`);

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;
}

/** The 256-colour palette entry `n` as Ink understands it. */
function palette(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 8) return BASIC[n];
  if (n < 16) return BRIGHT[n - 8];
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    const i = n - 16;
    return hex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const grey = 8 + (n - 232) * 10;
  return hex(grey, grey, grey);
}

/** Applies one SGR parameter list to `style`; unknown parameters are ignored, never emitted. */
function applySgr(params: string, style: SpanStyle): SpanStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: SpanStyle = {...style};
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 22) {
      delete next.bold;
      delete next.dim;
    } else if (code === 23) delete next.italic;
    else if (code === 24) delete next.underline;
    else if (code >= 30 && code <= 37) next.color = BASIC[code - 30];
    else if (code >= 90 && code <= 97) next.color = BRIGHT[code - 90];
    else if (code >= 40 && code <= 47) next.backgroundColor = BASIC[code - 40];
    else if (code >= 100 && code <= 107) next.backgroundColor = BRIGHT[code - 100];
    else if (code === 39) delete next.color;
    else if (code === 49) delete next.backgroundColor;
    else if (code === 38 || code === 48) {
      const field = code === 38 ? 'color' : 'backgroundColor';
      let value: string | undefined;
      if (codes[i + 1] === 5) {
        value = palette(codes[i + 2]!);
        i += 2;
      } else if (codes[i + 1] === 2) {
        const [r, g, b] = [codes[i + 2], codes[i + 3], codes[i + 4]];
        if ([r, g, b].every((v) => Number.isInteger(v))) value = hex(r!, g!, b!);
        i += 4;
      }
      if (value) next[field] = value;
    }
  }
  return next;
}

/** Splits `text` (one line) into spans styled by its SGR sequences; all else is made safe. */
export function styledSpans(text: string): StyledSpan[] {
  const spans: StyledSpan[] = [];
  let style: SpanStyle = {};
  let last = 0;
  const push = (raw: string) => {
    const safe = safeText(raw);
    if (!safe) return;
    const previous = spans[spans.length - 1];
    if (previous && JSON.stringify(previous.style) === JSON.stringify(style)) previous.text += safe;
    else spans.push({text: safe, style});
  };
  for (const match of text.matchAll(SGR_SEQUENCE)) {
    push(text.slice(last, match.index));
    style = applySgr(match[1] ?? '', style);
    last = match.index + match[0].length;
  }
  push(text.slice(last));
  return spans;
}
