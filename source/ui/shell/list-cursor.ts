// List navigation, written once: how the `nav` commands (up, down, page, top, bottom) move a
// cursor over `count` rows, or a scroll offset over `count` positions. Pure, so every list, table
// and scrolling view of the app moves the same way and is unit-tested here once.
import type {Command} from './keys/keymap.js';

export const LIST_MOVES = [
  'nav.up',
  'nav.down',
  'nav.pageUp',
  'nav.pageDown',
  'nav.top',
  'nav.bottom',
] as const satisfies readonly Command[];

export type ListMove = (typeof LIST_MOVES)[number];

export function isListMove(command: Command | undefined): command is ListMove {
  return (LIST_MOVES as readonly string[]).includes(command ?? '');
}

export interface ListBounds {
  /** Rows (or scroll positions) there are; the cursor stays in 0..count-1. */
  count: number;
  /** Rows a page move skips (the visible height); at least 1. */
  page: number;
}

/** Where `move` takes a cursor at `index`, clamped to the list (0 for an empty list). */
export function moveCursor(index: number, move: ListMove, {count, page}: ListBounds): number {
  const last = Math.max(0, count - 1);
  const step = Math.max(1, page);
  const next =
    move === 'nav.up'
      ? index - 1
      : move === 'nav.down'
        ? index + 1
        : move === 'nav.pageUp'
          ? index - step
          : move === 'nav.pageDown'
            ? index + step
            : move === 'nav.top'
              ? 0
              : last;
  return Math.min(last, Math.max(0, next));
}

/**
 * A scroll offset moved by `move` over `lines` lines shown `height` at a time: a page keeps one
 * line of the previous page in view, and the offset never passes the last full page.
 */
export function moveScroll(top: number, move: ListMove, lines: number, height: number): number {
  return moveCursor(top, move, {count: Math.max(1, lines - height + 1), page: height - 1});
}

/** The first row shown so that `selected` is inside a window of `height` rows (centred when it can). */
export function windowStart(count: number, selected: number, height: number): number {
  if (count <= height) return 0;
  const half = Math.floor(height / 2);
  return Math.max(0, Math.min(count - height, selected - half));
}
