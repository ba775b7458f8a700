import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../source/services/vertex/log-line.js';
import {LineStore} from '../../source/services/logs/line-store.js';
import {ReplicaEvents, parseReplicaEvent} from '../../source/services/logs/replica-events.js';

let id = 0;
const line = (message: string, timestampMs: number, replica = 'service'): LogLine => ({
  insertId: `id-${id++}`,
  seconds: Math.floor(timestampMs / 1000),
  nanos: (timestampMs % 1000) * 1e6,
  timestampMs,
  replica,
  severity: 'INFO',
  level: 200,
  message,
});

const restarted = (n: number) =>
  `The replica workerpool1-0 exited with a non-zero status of 139 and was restarted (restart ${n} of 5).`;

describe('parseReplicaEvent', () => {
  it('reads exits, restarts and Vertex failure texts', () => {
    expect(parseReplicaEvent('The replica workerpool1-2 exited with status 0.')).toEqual({
      replica: 'workerpool1-2',
      kind: 'exited',
      status: 0,
    });
    expect(parseReplicaEvent(restarted(3))).toEqual({
      replica: 'workerpool1-0',
      kind: 'restarted',
      status: 139,
      restart: 3,
    });
    expect(
      parseReplicaEvent(
        'The replica workerpool0-0 exited with a non-zero status of 1. Termination reason: Error.\nTraceback',
      ),
    ).toEqual({replica: 'workerpool0-0', kind: 'failed', status: 1});
    expect(
      parseReplicaEvent(
        'The replica workerpool2-1 ran out of memory and exited with a non-zero status of 137.',
      ),
    ).toMatchObject({replica: 'workerpool2-1', kind: 'failed', status: 137});
  });

  it('ignores other service messages', () => {
    for (const message of [
      'Job is running.',
      'Job failed.',
      'The replica workerpool0-0 could not start. Termination reason: StartError.',
      'Saw: The replica workerpool0-0 exited with status 0.',
    ])
      expect(parseReplicaEvent(message)).toBeUndefined();
  });
});

describe('ReplicaEvents', () => {
  it('counts restarts by their number, whatever order the entries arrive in', () => {
    const events = new ReplicaEvents();
    events.observe(line(restarted(2), 20));
    events.observe(line(restarted(1), 10));
    expect(events.get('workerpool1-0')).toEqual({restarts: 2});
  });

  it('keeps the latest end, and reads only service entries', () => {
    const events = new ReplicaEvents();
    events.observe(line('The replica workerpool1-0 exited with status 0.', 5, 'workerpool1-0'));
    expect(events.all().size).toBe(0);
    events.observe(
      line(
        'The replica workerpool1-0 exited with a non-zero status of 134. Termination reason',
        30,
      ),
    );
    events.observe(line(restarted(5), 25));
    events.observe(line('The replica workerpool1-0 exited with status 0.', 5));
    expect(events.get('workerpool1-0')).toEqual({
      restarts: 5,
      end: {kind: 'failed', status: 134, timestampMs: 30},
    });
  });

  it('is fed by the line store on receipt, once per entry, beyond what the store holds', () => {
    const store = new LineStore({maxLines: 2});
    const first = line(restarted(1), 10);
    store.add([first, line('The replica workerpool1-1 exited with status 0.', 11)]);
    store.add([first, line('x', 12, 'workerpool0-0'), line('y', 13, 'workerpool0-0')]);
    expect(store.length).toBe(2);
    expect(store.replicaEvents().get('workerpool1-0')?.restarts).toBe(1);
    expect(store.replicaEvents().get('workerpool1-1')?.end?.kind).toBe('exited');
  });
});
