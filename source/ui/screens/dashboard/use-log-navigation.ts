// Where the log pane is in the store: following the newest line, anchored at a line (after a
// scroll or a jump), or pinned to the oldest line after `g` while older pages arrive. Also the
// line a jump landed on (marked), and the jumps themselves (search matches, errors, traceback).
import {useEffect, useState} from 'react';
import type {ListMove} from '../../shell/list-cursor.js';
import type {JobLogEngine} from '../../../services/logs/job-log-engine.js';
import {cursorOf, type LogCursor, type LogLine} from '../../../services/vertex/log-line.js';
import {
  anchorShowing,
  computeWindow,
  findLine,
  logPaneMove,
  scrollAnchor,
  topAnchor,
  type LineFilter,
  type LogWindow,
} from './log-window.js';

export interface LogNavigation {
  window: LogWindow;
  following: boolean;
  /** insertId of the line the last jump landed on. */
  mark?: string;
  /** Follow the newest line again (f, G, or after the filter changed). */
  follow(): void;
  /** `count` lines up (negative: down); scrolling up at the top reads older history. */
  scroll(count: number): void;
  /** The oldest line, staying there while older pages are read. */
  top(): void;
  /** A list move: a line or a page up or down, the oldest line, or following the newest. */
  move(move: ListMove): void;
  /** Shows `line` near the top of the pane and marks it; says so when there is none. */
  jumpTo(line: LogLine | undefined, what: string): void;
  /** Jumps to the next (1) or previous (−1) line matching, from the mark or the pane's edge. */
  find(direction: 1 | -1, match: (line: LogLine) => boolean, what: string): void;
}

export function useLogNavigation(
  engine: JobLogEngine,
  filter: LineFilter,
  /** Lines the pane shows. */
  height: number,
  say: (text: string) => void,
): LogNavigation {
  const store = engine.store;
  const status = engine.status();
  const [anchored, setAnchored] = useState<LogCursor | undefined>(undefined);
  const [pinTop, setPinTop] = useState(false);
  const [mark, setMark] = useState<string | undefined>(undefined);
  const anchor = pinTop ? topAnchor(store, filter, height) : anchored;
  const window = computeWindow(store, filter, anchor, height);
  // A full store evicts its oldest lines, so reading further back would only evict what it read.
  const readOlder = pinTop && status.olderAvailable && store.evicted === 0;
  useEffect(() => {
    if (readOlder) void engine.loadOlder();
  });

  const anchorAt = (next: LogCursor | undefined) => {
    setPinTop(false);
    setAnchored(next);
  };
  const jumpTo = (line: LogLine | undefined, what: string) => {
    if (!line) {
      say(`no ${what} ${store.evicted > 0 ? 'in the lines held in memory' : 'found'}`);
      return;
    }
    setMark(line.insertId);
    anchorAt(anchorShowing(store, filter, line, height));
  };
  const from = (direction: 1 | -1): LogCursor | undefined => {
    const marked = mark ? window.lines.find((line) => line.insertId === mark) : undefined;
    if (marked) return cursorOf(marked);
    const edge = direction === 1 ? window.lines[0] : window.lines[window.lines.length - 1];
    if (!edge) return undefined;
    // Just before the window's first line (or after its last), so visible lines count.
    return direction === 1
      ? {...cursorOf(edge), insertId: ''}
      : {...cursorOf(edge), insertId: '\uffff'};
  };
  const follow = () => {
    anchorAt(undefined);
    setMark(undefined);
  };
  const scroll = (count: number) => {
    anchorAt(scrollAnchor(store, filter, window, count));
    if (count > 0 && window.atTop && status.olderAvailable) void engine.loadOlder();
  };
  const top = () => {
    setAnchored(topAnchor(store, filter, height));
    setPinTop(true);
  };
  return {
    window,
    following: anchor === undefined,
    ...(mark && {mark}),
    follow,
    scroll,
    top,
    move: (move) => {
      const where = logPaneMove(move, height);
      if ('scroll' in where) scroll(where.scroll);
      else if (where.to === 'top') top();
      else follow();
    },
    jumpTo,
    find: (direction, match, what) =>
      jumpTo(findLine(store, filter, from(direction), direction, match), what),
  };
}
