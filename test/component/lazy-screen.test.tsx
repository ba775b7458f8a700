// Screens whose code loads when first opened (issue #22, shell/lazy-screen.ts): while the opened
// screen loads, the one below stays on view (nothing flashes) and every key typed meanwhile waits
// for the new screen instead of acting on the old one; a screen that cannot load says so and q
// goes back. The load is released by the test, so nothing here depends on timing.
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import React, {useState} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {KeyDispatcher, useCommands} from '../../source/ui/shell/keys/key-dispatcher.js';
import {lazyScreen} from '../../source/ui/shell/lazy-screen.js';
import {
  ScreenStack,
  useNavigator,
  type ScreenDefinition,
  type ScreenRegistry,
} from '../../source/ui/shell/navigator.js';
import {tick, until} from '../helpers/frames.js';

/** A screen counting the `nav.down` keys it received, that opens `target` on enter. */
function counter(id: string, target?: 'dashboard'): ScreenDefinition<Record<string, never>> {
  function Screen() {
    const navigator = useNavigator();
    const [downs, setDowns] = useState(0);
    useCommands((command) => {
      if (command === 'nav.down') setDowns((count) => count + 1);
      else if (command === 'jobs.open' && target) navigator.push(target, {} as never);
      else return false;
      return true;
    });
    return (
      <Text>
        {id} screen, downs: {downs}
      </Text>
    );
  }
  return {id, scope: 'jobs', title: () => id, Component: Screen};
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return {promise, resolve, reject};
}

function app(screens: ScreenRegistry) {
  return render(
    <KeyDispatcher onQuit={() => undefined}>
      <ScreenStack
        screens={screens}
        initial={[{name: 'jobs', params: {}}]}
        columns={80}
        rows={10}
        visible
        onEmpty={() => undefined}
      />
    </KeyDispatcher>,
  );
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a screen loaded on first use', () => {
  it('keeps the screen below on view while it loads, and gets the keys typed meanwhile', async () => {
    const load = deferred<ScreenDefinition<Record<string, never>>>();
    const other = counter('unused');
    const screens = {
      jobs: counter('list', 'dashboard'),
      dashboard: lazyScreen(() => load.promise),
      wizard: other,
      resources: other,
    } as unknown as ScreenRegistry;
    const view = app(screens);
    unmount = view.unmount;
    await until(view.lastFrame, /list screen, downs: 0/);

    // enter opens the lazy screen; three downs follow at once, before its code has loaded.
    view.stdin.write('\r');
    await tick();
    view.stdin.write('j');
    view.stdin.write('j');
    view.stdin.write('j');
    await tick(100);
    // Every frame so far is the list, which took none of the downs (or, on a slow machine, the
    // "Loading…" line a load slower than SHOW_LOADING_AFTER_MS shows): never a blank screen.
    expect(view.frames.filter((frame) => !/list screen, downs: 0|Loading…/.test(frame))).toEqual(
      [],
    );

    load.resolve(counter('loaded'));
    const shown = await until(view.lastFrame, /loaded screen, downs: 3/);
    expect(shown).not.toMatch(/list screen/);
  });

  it('opens at once when its code is already loaded', async () => {
    const lazy = lazyScreen(async () => counter('ready'));
    await lazy.load();
    const screens = {
      jobs: counter('list', 'dashboard'),
      dashboard: lazy,
      wizard: counter('unused'),
      resources: counter('unused'),
    } as unknown as ScreenRegistry;
    const view = app(screens);
    unmount = view.unmount;
    await until(view.lastFrame, /list screen/);
    view.stdin.write('\r');
    view.stdin.write('j');
    await until(view.lastFrame, /ready screen, downs: 1/);
  });

  it('waits for the code its params need (prepare) as for its own, keys included', async () => {
    const more = deferred<void>();
    const prepared = {...counter('prepared'), prepare: () => more.promise};
    const lazy = lazyScreen(async () => prepared);
    await lazy.load();
    const screens = {
      jobs: counter('list', 'dashboard'),
      dashboard: lazy,
      wizard: counter('unused'),
      resources: counter('unused'),
    } as unknown as ScreenRegistry;
    const view = app(screens);
    unmount = view.unmount;
    await until(view.lastFrame, /list screen, downs: 0/);
    view.stdin.write('\r');
    await tick();
    view.stdin.write('j');
    view.stdin.write('j');
    await tick(100);
    expect(view.frames.filter((frame) => !/list screen, downs: 0|Loading…/.test(frame))).toEqual(
      [],
    );
    more.resolve();
    await until(view.lastFrame, /prepared screen, downs: 2/);
  });

  it('says so when the code cannot be loaded; q goes back to the screen below', async () => {
    const screens = {
      jobs: counter('list', 'dashboard'),
      dashboard: lazyScreen(() => Promise.reject(new Error('chunk missing'))),
      wizard: counter('unused'),
      resources: counter('unused'),
    } as unknown as ScreenRegistry;
    const view = app(screens);
    unmount = view.unmount;
    await until(view.lastFrame, /list screen/);
    view.stdin.write('\r');
    await until(view.lastFrame, /could not load this screen: chunk missing/);
    view.stdin.write('q');
    await until(view.lastFrame, /list screen, downs: 0/);
  });
});
