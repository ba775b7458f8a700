import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  isListMove,
  LIST_MOVES,
  moveCursor,
  moveScroll,
} from '../../../source/ui/shell/list-cursor.js';

describe('moveCursor', () => {
  const bounds = {count: 10, page: 4};

  it('moves one row, a page, or to either end', () => {
    expect(moveCursor(3, 'nav.up', bounds)).toBe(2);
    expect(moveCursor(3, 'nav.down', bounds)).toBe(4);
    expect(moveCursor(3, 'nav.pageDown', bounds)).toBe(7);
    expect(moveCursor(7, 'nav.pageUp', bounds)).toBe(3);
    expect(moveCursor(3, 'nav.top', bounds)).toBe(0);
    expect(moveCursor(3, 'nav.bottom', bounds)).toBe(9);
  });

  it('stops at the ends instead of wrapping', () => {
    expect(moveCursor(0, 'nav.up', bounds)).toBe(0);
    expect(moveCursor(9, 'nav.down', bounds)).toBe(9);
    expect(moveCursor(8, 'nav.pageDown', bounds)).toBe(9);
    expect(moveCursor(1, 'nav.pageUp', bounds)).toBe(0);
  });

  it('stays in the list for any start, move and size (0 for an empty list)', () => {
    fc.assert(
      fc.property(
        fc.integer({min: -5, max: 50}),
        fc.constantFrom(...LIST_MOVES),
        fc.integer({min: 0, max: 40}),
        fc.integer({min: 0, max: 20}),
        (index, move, count, page) => {
          const next = moveCursor(index, move, {count, page});
          expect(next).toBeGreaterThanOrEqual(0);
          expect(next).toBeLessThanOrEqual(Math.max(0, count - 1));
        },
      ),
    );
  });
});

describe('moveScroll', () => {
  it('pages by the height less one line and never scrolls past the last full page', () => {
    expect(moveScroll(0, 'nav.pageDown', 100, 10)).toBe(9);
    expect(moveScroll(0, 'nav.bottom', 100, 10)).toBe(90);
    expect(moveScroll(88, 'nav.pageDown', 100, 10)).toBe(90);
    expect(moveScroll(0, 'nav.down', 5, 10)).toBe(0);
  });
});

describe('isListMove', () => {
  it('knows the six moves and nothing else', () => {
    for (const move of LIST_MOVES) expect(isListMove(move)).toBe(true);
    expect(isListMove('nav.back')).toBe(false);
    expect(isListMove(undefined)).toBe(false);
  });
});
