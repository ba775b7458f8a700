// The status line's backend label follows a local session that reconnected to a restarted service
// on another port (issue #23 item 11): it used to keep the old port until something else redrew.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {useSessionLabel} from '../../source/ui/app/use-session-label.js';

function fakeSession(port: number) {
  const listeners = new Set<() => void>();
  const session = {
    port,
    get label() {
      return `local emulator ready (127.0.0.1:${session.port}) · p · us-central1`;
    },
    onLabelChange(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** What openLocalSession does when it reconnects to a service on a new port. */
    restartOn(next: number) {
      session.port = next;
      for (const listener of listeners) listener();
    },
  };
  return session;
}

function Line({session}: {session: ReturnType<typeof fakeSession>}) {
  return <Text>{useSessionLabel(session)}</Text>;
}

describe('useSessionLabel', () => {
  it('shows the new port once the session reconnected to a restarted service', async () => {
    const session = fakeSession(40001);
    const view = render(<Line session={session} />);
    expect(view.lastFrame()).toContain('127.0.0.1:40001');
    session.restartOn(40777);
    await new Promise((resolve) => setImmediate(resolve));
    expect(view.lastFrame()).toContain('127.0.0.1:40777');
    view.unmount();
  });
});
