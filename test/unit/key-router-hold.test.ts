// KeyRouter.hold / holdWhile (issue #22): while the code of a screen or an action loads, keys wait
// in the key queue (apply returns false) instead of reaching the screen still shown; after the
// hold they wait on until what it opened has drawn (`committed`), or a short while when nothing
// draws. ctrl+c still quits at once.
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {KeyRouter} from '../../source/ui/shell/keys/key-router.js';
import {Keymap} from '../../source/ui/shell/keys/keymap.js';

const plain = {return: false, ctrl: false, meta: false, escape: false} as Key;
const ctrl = {...plain, ctrl: true} as Key;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function router() {
  const quits: number[] = [];
  const commands: string[] = [];
  const keys = new KeyRouter({quit: () => quits.push(1), help: () => undefined}, new Keymap());
  keys.setScreen(Symbol('screen'), {
    scope: 'jobs',
    handler: (command) => {
      commands.push(command);
      return true;
    },
    hints: [],
    disabled: {},
  });
  return {keys, quits, commands};
}

describe('KeyRouter holds', () => {
  it('keeps keys from the screen while code loads, and until what it opened has drawn', async () => {
    const {keys, commands} = router();
    let finish!: () => void;
    const work = keys.holdWhile(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(keys.apply('j', plain)).toBe(false);
    finish();
    await work;
    // Released, but nothing has drawn yet: the key still waits.
    expect(keys.apply('j', plain)).toBe(false);
    keys.committed();
    expect(keys.apply('j', plain)).toBe(true);
    expect(commands).toEqual(['nav.down']);
  });

  it('lets keys through shortly after a release that drew nothing', async () => {
    const {keys, commands} = router();
    await keys.holdWhile(async () => undefined);
    expect(keys.apply('j', plain)).toBe(false);
    await sleep(400);
    expect(keys.apply('j', plain)).toBe(true);
    expect(commands).toEqual(['nav.down']);
  });

  it('releases when the work fails, and ctrl+c quits during a hold', async () => {
    const {keys, quits} = router();
    const owner = Symbol('navigation');
    keys.hold(owner);
    expect(keys.apply('c', ctrl)).toBe(true);
    expect(quits).toEqual([1]);
    keys.release(owner);
    await expect(keys.holdWhile(() => Promise.reject(new Error('no chunk')))).rejects.toThrow(
      'no chunk',
    );
    keys.committed();
    expect(keys.apply('j', plain)).toBe(true);
  });
});
