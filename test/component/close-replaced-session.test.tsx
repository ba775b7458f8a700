// The Where step's backend switch replaces the app's session: the old one (an API worker thread
// and a heartbeat) must close after the grace period, and the current one must never close.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {useCloseReplacedSession} from '../../source/ui/app/use-close-replaced-session.js';

function fakeSession() {
  return {close: vi.fn(async () => undefined)};
}

function Holder({session}: {session: {close(): Promise<void>} | undefined}) {
  useCloseReplacedSession(session, 1000);
  return <Text>ok</Text>;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('useCloseReplacedSession', () => {
  it('closes a replaced session after the grace period, never the current one', async () => {
    vi.useFakeTimers();
    const first = fakeSession();
    const second = fakeSession();
    const third = fakeSession();
    const view = render(<Holder session={first} />);
    view.rerender(<Holder session={first} />);
    await vi.advanceTimersByTimeAsync(5000);
    expect(first.close).not.toHaveBeenCalled();
    view.rerender(<Holder session={second} />);
    await vi.advanceTimersByTimeAsync(500);
    expect(first.close).not.toHaveBeenCalled();
    // Another switch before the first grace ends: both replaced sessions still close.
    view.rerender(<Holder session={third} />);
    await vi.advanceTimersByTimeAsync(600);
    expect(first.close).toHaveBeenCalledTimes(1);
    expect(second.close).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(second.close).toHaveBeenCalledTimes(1);
    expect(third.close).not.toHaveBeenCalled();
    // While the session is not ready (undefined), nothing is closed.
    view.rerender(<Holder session={undefined} />);
    await vi.advanceTimersByTimeAsync(5000);
    expect(third.close).not.toHaveBeenCalled();
    view.unmount();
  });
});
