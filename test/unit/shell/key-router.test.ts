import type {Key} from 'ink';
import {describe, expect, it, vi} from 'vitest';
import {KeyRouter} from '../../../source/ui/shell/keys/key-router.js';
import {Keymap} from '../../../source/ui/shell/keys/keymap.js';

const key = (flags: Partial<Key> = {}) =>
  ({ctrl: false, meta: false, shift: false, escape: false, return: false, ...flags}) as Key;

function router() {
  const hooks = {quit: vi.fn(), help: vi.fn()};
  return {hooks, router: new KeyRouter(hooks, new Keymap())};
}

describe('KeyRouter', () => {
  it('gives the screen the command its scope binds, with screen keys shadowing nav ones', () => {
    const {router: r} = router();
    const seen: string[] = [];
    r.setScreen(Symbol('s'), {
      scope: 'jobs',
      handler: (c) => void seen.push(c),
      hints: [],
      disabled: {},
    });
    r.apply('', key({return: true}));
    r.apply('j', key());
    r.apply('x', key());
    expect(seen).toEqual(['jobs.open', 'nav.down', 'jobs.cancel']);
  });

  it('quits on ctrl+c even under a modal overlay', () => {
    const {router: r, hooks} = router();
    const overlay = vi.fn(() => true);
    r.pushOverlay(Symbol('o'), {scope: 'confirm', handler: overlay, modal: true});
    r.apply('c', key({ctrl: true}));
    expect(hooks.quit).toHaveBeenCalledOnce();
    expect(overlay).not.toHaveBeenCalled();
  });

  it('lets an overlay see raw keys first; a modal one swallows what it ignores', () => {
    const {router: r} = router();
    const screen = vi.fn();
    r.setScreen(Symbol('s'), {scope: 'jobs', handler: screen, hints: [], disabled: {}});
    const typed: string[] = [];
    const owner = Symbol('field');
    r.pushOverlay(owner, {
      scope: 'prompt',
      handler: ({input}) => void typed.push(input),
      modal: true,
    });
    r.apply('q', key());
    r.apply('/', key());
    expect(typed).toEqual(['q', '/']);
    expect(screen).not.toHaveBeenCalled();
    r.removeOverlay(owner);
    r.apply('q', key());
    expect(screen).toHaveBeenCalledWith('nav.back');
  });

  it('passes keys a non-modal field does not use on to the screen', () => {
    const {router: r} = router();
    const screen = vi.fn();
    r.setScreen(Symbol('s'), {scope: 'wizard', handler: screen, hints: [], disabled: {}});
    r.pushOverlay(Symbol('f'), {
      scope: 'prompt',
      handler: ({input}) => input === 'a',
      modal: false,
    });
    r.apply('a', key());
    r.apply('', key({return: true}));
    expect(screen.mock.calls).toEqual([['nav.confirm']]);
  });

  it('explains a disabled command instead of running it, and hides mutating ones when read-only', () => {
    const {router: r} = router();
    const screen = vi.fn();
    r.setScreen(Symbol('s'), {
      scope: 'jobs',
      handler: screen,
      hints: [],
      disabled: {'jobs.cancel': 'the job has already ended'},
    });
    r.apply('x', key());
    expect(r.notice).toBe('x: the job has already ended');
    r.readOnly = true;
    r.apply('c', key());
    expect(r.notice).toBe('c: not available in read-only mode');
    r.apply('d', key());
    expect(screen.mock.calls).toEqual([['jobs.describe']]);
    r.dispose();
  });

  it('holds a key when no screen can take it yet, and opens help for ? when the screen does not', () => {
    const {router: r, hooks} = router();
    expect(r.apply('j', key())).toBe(false);
    const owner = Symbol('s');
    r.setScreen(owner, {scope: 'jobs', handler: () => undefined, hints: [], disabled: {}});
    expect(r.apply('?', key())).toBe(true);
    expect(hooks.help).toHaveBeenCalledOnce();
    // Another screen's stale unregistration leaves the current one in place.
    r.clearScreen(Symbol('other'));
    expect(r.activeScreen?.scope).toBe('jobs');
    r.clearScreen(owner);
    expect(r.activeScreen).toBeUndefined();
  });
});
