import {describe, expect, it} from 'vitest';
import {visibleWindow} from '../../source/ui/screens/wizard/SelectList.js';

describe('visibleWindow', () => {
  it('shows every choice when they fit', () => {
    expect(visibleWindow(5, 4, 5)).toEqual({start: 0, end: 5, above: false, below: false});
  });

  it('keeps the cursor in view and leaves a line for each hidden side', () => {
    for (let cursor = 0; cursor < 40; cursor++) {
      const view = visibleWindow(40, cursor, 10);
      expect(cursor).toBeGreaterThanOrEqual(view.start);
      expect(cursor).toBeLessThan(view.end);
      expect(view.end - view.start + Number(view.above) + Number(view.below)).toBeLessThanOrEqual(
        10,
      );
      expect(view.above).toBe(view.start > 0);
      expect(view.below).toBe(view.end < 40);
    }
  });

  it('pins the window to the ends of the list', () => {
    expect(visibleWindow(40, 0, 10)).toMatchObject({start: 0, above: false, below: true});
    expect(visibleWindow(40, 39, 10)).toMatchObject({end: 40, above: true, below: false});
  });
});
