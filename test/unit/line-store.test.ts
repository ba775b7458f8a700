import {describe, expect, it} from 'vitest';
import {LineStore} from '../../source/services/logs/line-store.js';
import {cursorOf} from '../../source/services/vertex/log-line.js';
import type {LogLine} from '../../source/services/vertex/log-line.js';

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
    expect(store.has({seconds: 1, nanos: 0, insertId: 'l1'})).toBe(false);
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

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const varied = (n: number): LogLine => ({
  ...line(`id-${n}`, 1_800_000_000 + Math.floor(n / 3), (n % 3) * 1000, `workerpool${n % 4}-0`),
  severity: ['INFO', 'WARNING', 'ERROR', 'DEBUG'][n % 4]!,
  level: [200, 400, 500, 100][n % 4]!,
  message: n % 5 === 0 ? '' : n % 7 === 0 ? `ünïcödé ✓ 训练 ${n} 🚀` : `step ${n} loss=${n / 7}`,
  ...(n % 6 === 0 && {payloadJson: JSON.stringify({message: `m${n}`, epoch: n, tag: 'é'})}),
});

describe('LineStore packing', () => {
  it('gives back every field of a packed line exactly as it was added', () => {
    const store = new LineStore();
    const lines = Array.from({length: 6_000}, (_, n) => varied(n));
    store.add(lines);
    // Lines behind the newest chunk are packed; every one reads back the same.
    expect([...store.lines()]).toEqual(lines);
    expect(store.at(4_321)).toEqual(lines[4_321]);
    expect(store.levelAt(4_321)).toBe(lines[4_321]!.level);
    expect(store.replicaAt(4_321)).toBe(lines[4_321]!.replica);
    expect(store.messageAt(4_319)).toBe(lines[4_319]!.message);
  });

  it('holds packed lines in a fraction of the memory of loose ones', () => {
    const store = new LineStore();
    store.add(Array.from({length: 20_000}, (_, n) => line(`insert-${n}`, n, 0)));
    // ~420 bytes a line loose (log-line sizes), ~50 packed: well under 100 on average.
    expect(store.bytes / store.length).toBeLessThan(100);
    // The byte cap counts packed lines at their packed size: 1 MB holds the newest chunk loose
    // (~2,048 × 340 bytes) and ~5,000 more packed, where loose lines alone would be ~2,900.
    const byBytes = new LineStore({maxBytes: 1_000_000});
    byBytes.add(Array.from({length: 20_000}, (_, n) => line(`insert-${n}`, n, 0)));
    expect(byBytes.bytes).toBeLessThanOrEqual(1_000_000);
    expect(byBytes.length).toBeGreaterThan(6_000);
    expect(byBytes.length + byBytes.evicted).toBe(20_000);
  });

  it('inserts into and deduplicates against packed lines', () => {
    const store = new LineStore();
    store.add(Array.from({length: 5_000}, (_, n) => line(`id${n * 2}`, n * 2)));
    // Late lines land between packed ones; repeats of packed lines are ignored.
    const late = Array.from({length: 300}, (_, n) => line(`id${n * 10 + 1}`, n * 10 + 1));
    expect(store.add([...late, line('id100', 100), line('id4000', 4000)])).toEqual(late);
    const seconds = [...store.lines()].map((l) => l.seconds);
    expect(seconds).toHaveLength(5_300);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(store.has({seconds: 2001, nanos: 0, insertId: 'id2001'})).toBe(true);
    expect(store.has({seconds: 2003, nanos: 0, insertId: 'id2003'})).toBe(false);
  });

  it('keeps lines that carry their decoded entry as they are', () => {
    const store = new LineStore();
    const raw = {insertId: 'x'} as never;
    store.add(Array.from({length: 5_000}, (_, n) => ({...line(`id${n}`, n), raw})));
    expect(store.at(10)?.raw).toBe(raw);
  });

  it('agrees with a plain sorted list under random adds, repeats, evictions and consumption', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const maxLines = 3_000 + Math.floor(next() * 3_000);
      const store = new LineStore({maxLines});
      // The reference: every line received, by key; the held window is the newest `maxLines`
      // of those received after the last consumption point, as the store defines it.
      const held = new Map<string, LogLine>();
      const seen = new Set<string>();
      let evictedThrough: LogLine | undefined;
      let received = 0;
      const key = (l: LogLine) => `${l.seconds}/${l.insertId}`;
      const sorted = () =>
        [...held.values()].sort(
          (a, b) => a.seconds - b.seconds || (a.insertId < b.insertId ? -1 : 1),
        );
      let clock = 0;
      for (let step = 0; step < 60; step++) {
        const batch: LogLine[] = [];
        const size = Math.floor(next() * 600);
        for (let i = 0; i < size; i++) {
          const roll = next();
          // Mostly new lines, some late ones, some repeats of earlier ones.
          const seconds =
            roll < 0.8 ? clock++ : Math.max(0, clock - 1 - Math.floor(next() * 4_000));
          const id = `r${seconds}-${Math.floor(next() * 2)}`;
          batch.push(line(id, seconds, 0, `w${seconds % 3}`));
        }
        const added = store.add(batch);
        const expected: LogLine[] = [];
        for (const l of batch) {
          if (seen.has(key(l))) continue;
          const old =
            evictedThrough &&
            (l.seconds < evictedThrough.seconds ||
              (l.seconds === evictedThrough.seconds && l.insertId <= evictedThrough.insertId));
          // With no retained ids, a line older than the evicted edge is new each time it comes.
          if (!old) seen.add(key(l));
          received++;
          expected.push(l);
          if (!old) held.set(key(l), l);
        }
        expect(added).toEqual(expected);
        let window = sorted();
        while (window.length > maxLines) {
          const oldest = window.shift()!;
          held.delete(key(oldest));
          seen.delete(key(oldest));
          evictedThrough = oldest;
        }
        if (next() < 0.1 && window.length > 10) {
          const through = window[Math.floor(next() * 10)]!;
          store.consumeThrough(cursorOf(through));
          while (window.length > 0 && key(window[0]!) !== key(through)) {
            held.delete(key(window[0]!));
            seen.delete(key(window[0]!));
            window.shift();
          }
          held.delete(key(through));
          seen.delete(key(through));
          window.shift();
          evictedThrough = through;
          window = sorted();
        }
        expect(store.received).toBe(received);
        expect(store.length).toBe(window.length);
        expect([...store.lines()].map(key)).toEqual(window.map(key));
        const probe = Math.floor(next() * window.length);
        if (window.length > 0) {
          expect(store.indexOf(cursorOf(window[probe]!))).toBe(probe);
          expect(store.at(probe)).toEqual(window[probe]);
        }
      }
    }
  }, 60_000); // five seeded runs of thousands of operations: slow on a loaded 2-core machine
});
