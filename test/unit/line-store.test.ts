import {describe, expect, it} from 'vitest';
import {LineStore} from '../../source/logs/line-store.js';
import type {LogLine} from '../../source/logs/log-line.js';

const line = (
  id: string,
  seconds: number,
  nanos = 0,
  replica = 'workerpool0-0',
  level = 200,
): LogLine => ({
  insertId: id,
  seconds,
  nanos,
  timestampMs: seconds * 1000 + Math.floor(nanos / 1e6),
  replica,
  severity: level >= 500 ? 'ERROR' : 'INFO',
  level,
  message: id,
});

const ids = (store: LineStore) => [...store.lines()].map((l) => l.insertId);

describe('LineStore', () => {
  it('deduplicates by insertId and keeps (timestamp, insertId) order', () => {
    const store = new LineStore();
    store.add([line('a', 1), line('c', 3)]);
    const added = store.add([line('b', 2), line('a', 1), line('b2', 2)]);
    expect(added.map((l) => l.insertId)).toEqual(['b', 'b2']);
    expect(ids(store)).toEqual(['a', 'b', 'b2', 'c']);
    // Same timestamp: insertId decides; nanoseconds count.
    store.add([line('a0', 1), line('z', 1, 1)]);
    expect(ids(store)).toEqual(['a', 'a0', 'z', 'b', 'b2', 'c']);
  });

  it('keeps order when many lines arrive out of order across chunks', () => {
    const store = new LineStore({maxLines: 1_000_000});
    const numbers = Array.from({length: 20_000}, (_, i) => i);
    // A deterministic shuffle: late arrivals land everywhere.
    for (let i = numbers.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [numbers[i], numbers[j]] = [numbers[j]!, numbers[i]!];
    }
    for (let i = 0; i < numbers.length; i += 97)
      store.add(numbers.slice(i, i + 97).map((n) => line(`id${n}`, n)));
    expect(store.length).toBe(20_000);
    const seconds = [...store.lines()].map((l) => l.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(store.at(12_345)?.seconds).toBe(12_345);
    expect(store.slice(4_095, 4_098).map((l) => l.seconds)).toEqual([4_095, 4_096, 4_097]);
  });

  it('evicts the oldest past the cap, counting exactly per replica from what was received', () => {
    const store = new LineStore({maxLines: 3});
    store.add(
      [1, 2, 3, 4, 5].map((n) => line(`l${n}`, n, 0, n % 2 ? 'a' : 'b', n === 5 ? 500 : 200)),
    );
    expect(ids(store)).toEqual(['l3', 'l4', 'l5']);
    expect(store.evicted).toBe(2);
    expect(store.received).toBe(5);
    expect(store.counters().get('a')).toMatchObject({lines: 3, errors: 1, lastTimestampMs: 5000});
    expect(store.counters().get('b')).toMatchObject({lines: 2, errors: 0});
  });

  it('does not count an evicted line twice while its range may be re-read', () => {
    const store = new LineStore({maxLines: 2});
    store.retainEvictedFrom({seconds: 0, nanos: 0, insertId: ''});
    store.add([line('l1', 1), line('l2', 2), line('l3', 3)]);
    expect(store.add([line('l1', 1), line('l2', 2)])).toEqual([]);
    expect(store.received).toBe(3);
    // A line older than everything evicted that was never seen is counted, not held.
    expect(store.add([line('l0', 0)]).map((l) => l.insertId)).toEqual(['l0']);
    expect(ids(store)).toEqual(['l2', 'l3']);
    store.retainEvictedFrom(undefined);
    expect(store.has('l1')).toBe(false);
  });

  it('drops lines a consumer has written out', () => {
    const store = new LineStore();
    store.add([line('a', 1), line('b', 2), line('c', 3)]);
    store.consumeThrough({seconds: 2, nanos: 0, insertId: 'b'});
    expect(ids(store)).toEqual(['c']);
    expect(store.evicted).toBe(0);
    expect(store.range(undefined, undefined).map((l) => l.insertId)).toEqual(['c']);
  });
});
