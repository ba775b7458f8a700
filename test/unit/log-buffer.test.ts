import {describe, expect, it, vi} from 'vitest';
import {LogBuffer} from '../../source/logs/log-buffer.js';
import type {LogLine} from '../../source/logs/log-line.js';

const line = (id: string, ms: number): LogLine => ({
  insertId: id,
  timestampMs: ms,
  replica: 'workerpool0-0',
  severity: 'INFO',
  message: id,
});

describe('LogBuffer', () => {
  it('deduplicates by insertId and keeps timestamp order', () => {
    const buffer = new LogBuffer(100, 0);
    buffer.add([line('a', 1), line('c', 3)]);
    buffer.add([line('b', 2), line('a', 1)]);
    expect(buffer.snapshot().lines.map((l) => l.insertId)).toEqual(['a', 'b', 'c']);
  });

  it('drops the oldest lines past capacity and counts them', () => {
    const buffer = new LogBuffer(3, 0);
    buffer.add([1, 2, 3, 4, 5].map((n) => line(`l${n}`, n)));
    expect(buffer.snapshot().lines.map((l) => l.insertId)).toEqual(['l3', 'l4', 'l5']);
    expect(buffer.snapshot().dropped).toBe(2);
  });

  it('notifies listeners once per flush interval', () => {
    vi.useFakeTimers();
    const buffer = new LogBuffer(100, 50);
    const listener = vi.fn();
    buffer.subscribe(listener);
    for (let i = 0; i < 10; i++) buffer.add([line(`x${i}`, i)]);
    expect(listener).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(listener).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});
