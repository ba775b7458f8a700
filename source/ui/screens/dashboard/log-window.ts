// Which lines the log view shows: a window of `height` lines that pass the filter, anchored at a
// bottom line (or following the newest). A window never shows an empty pane past the top: when
// fewer lines precede the anchor, it fills downwards instead. Works on the store's indexes, so a
// frame costs the lines it shows (plus the ones the filter skips), never the whole log.
import type {LineStore} from '../../../services/logs/line-store.js';
import {
  compareCursors,
  cursorOf,
  type LogCursor,
  type LogLine,
} from '../../../services/vertex/log-line.js';
import type {ListMove} from '../../shell/list-cursor.js';

export interface LineFilter {
  replica?: string;
  minLevel: number;
}

export function passes(line: LogLine, filter: LineFilter): boolean {
  return line.level >= filter.minLevel && (!filter.replica || line.replica === filter.replica);
}

/** `passes` for the line at `index`, read without building the line. */
function passesAt(store: LineStore, index: number, filter: LineFilter): boolean {
  return (
    store.levelAt(index) >= filter.minLevel &&
    (!filter.replica || store.replicaAt(index) === filter.replica)
  );
}

export interface LogWindow {
  lines: LogLine[];
  atTop: boolean;
  atBottom: boolean;
}

/** How far a frame may scan for filtered-out lines before giving up (keeps frames bounded). */
const SCAN_LIMIT = 200_000;

function endIndex(store: LineStore, anchor: LogCursor | undefined): number {
  if (!anchor) return store.length;
  const index = store.indexOf(anchor);
  const line = store.at(index);
  return line && compareCursors(line, anchor) === 0 ? index + 1 : index;
}

export function computeWindow(
  store: LineStore,
  filter: LineFilter,
  anchor: LogCursor | undefined,
  height: number,
): LogWindow {
  const end = endIndex(store, anchor);
  const above: LogLine[] = [];
  let index = end - 1;
  for (let scanned = 0; index >= 0 && above.length < height && scanned < SCAN_LIMIT; scanned++) {
    if (passesAt(store, index, filter)) above.push(store.at(index)!);
    index--;
  }
  const atTop = index < 0;
  const lines = above.reverse();
  let next = end;
  for (; lines.length < height && next < store.length; next++)
    if (passesAt(store, next, filter)) lines.push(store.at(next)!);
  let atBottom = true;
  for (let probe = next; probe < store.length && probe < next + SCAN_LIMIT; probe++) {
    if (passesAt(store, probe, filter)) {
      atBottom = false;
      break;
    }
  }
  return {lines, atTop, atBottom};
}

/**
 * Where a list move takes the log pane of `height` lines: `count` lines up (negative: down) for
 * scrollAnchor, or to the oldest line, or back to following the newest. A page keeps one line of
 * the previous page in view, as moveScroll (list-cursor.ts) does.
 */
export function logPaneMove(
  move: ListMove,
  height: number,
): {scroll: number} | {to: 'top' | 'follow'} {
  const page = height - 1;
  switch (move) {
    case 'nav.up':
      return {scroll: 1};
    case 'nav.down':
      return {scroll: -1};
    case 'nav.pageUp':
      return {scroll: page};
    case 'nav.pageDown':
      return {scroll: -page};
    case 'nav.top':
      return {to: 'top'};
    case 'nav.bottom':
      return {to: 'follow'};
  }
}

/** The anchor `count` filtered lines above (negative: below) the window's bottom line. */
export function scrollAnchor(
  store: LineStore,
  filter: LineFilter,
  window: LogWindow,
  count: number,
): LogCursor | undefined {
  const bottom = window.lines[window.lines.length - 1];
  if (!bottom) return undefined;
  let index = store.indexOf(bottom);
  let moved = 0;
  const step = count > 0 ? -1 : 1;
  let targetIndex = -1;
  while (moved < Math.abs(count)) {
    index += step;
    if (index < 0 || index >= store.length) break;
    if (passesAt(store, index, filter)) {
      targetIndex = index;
      moved++;
    }
  }
  // Scrolled down past the newest line: follow again.
  if (count < 0 && index >= store.length) return undefined;
  return cursorOf(targetIndex < 0 ? bottom : store.at(targetIndex)!);
}

/** The anchor whose window starts at the oldest held line. */
export function topAnchor(
  store: LineStore,
  filter: LineFilter,
  height: number,
): LogCursor | undefined {
  let found = 0;
  for (let index = 0; index < store.length; index++)
    if (passesAt(store, index, filter) && ++found >= height) return cursorOf(store.at(index)!);
  const last = store.last();
  return last ? cursorOf(last) : undefined;
}

/**
 * The next (direction 1) or previous (−1) line passing the filter and `match`, from `from`
 * (exclusive). Undefined when there is none.
 */
export function findLine(
  store: LineStore,
  filter: LineFilter,
  from: LogCursor | undefined,
  direction: 1 | -1,
  match: (line: LogLine) => boolean,
): LogLine | undefined {
  let index = from ? store.indexOf(from) : direction === 1 ? -1 : store.length;
  const atFrom = from && store.at(index) && compareCursors(store.at(index)!, from) === 0;
  if (direction === 1 && from && !atFrom) index -= 1;
  for (index += direction; index >= 0 && index < store.length; index += direction) {
    if (!passesAt(store, index, filter)) continue;
    const line = store.at(index)!;
    if (match(line)) return line;
  }
  return undefined;
}

/** The anchor that shows `line` near the top of the window, three lines of context above it. */
export function anchorShowing(
  store: LineStore,
  filter: LineFilter,
  line: LogLine,
  height: number,
): LogCursor | undefined {
  let index = store.indexOf(line);
  let below = 0;
  let target = -1;
  const wanted = Math.max(0, height - 4);
  while (below < wanted) {
    if (++index >= store.length) return undefined; // near the end: following shows it
    if (passesAt(store, index, filter)) {
      target = index;
      below++;
    }
  }
  return cursorOf(target < 0 ? line : store.at(target)!);
}
