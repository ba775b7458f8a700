import {describe, expect, it} from 'vitest';
import {ExitOwner} from '../../source/ui/app/exit-owner.js';

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function owner() {
  const codes: number[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const exit = new ExitOwner((code) => {
    codes.push(code);
    resolveExit(code);
    throw new Exited(code);
  });
  return {exit, codes, exited};
}

describe('ExitOwner', () => {
  it('exits even when unmounting and every cleanup throw', async () => {
    const {exit, exited} = owner();
    exit.attach(() => {
      throw new Error('write EIO');
    }, false);
    exit.addCleanup(() => {
      throw new Error('cleanup failed');
    });
    exit.addCleanup(async () => {
      throw new Error('async cleanup failed');
    });
    await exit.exit(129).catch(() => undefined);
    expect(await exited).toBe(129);
  });

  it('exits by its deadline when a cleanup never finishes, and only once', async () => {
    const {exit, codes, exited} = owner();
    exit.addCleanup(() => new Promise<void>(() => undefined));
    const started = Date.now();
    void exit.exit(143).catch(() => undefined);
    void exit.exit(0).catch(() => undefined);
    expect(await exited).toBe(143);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(codes).toEqual([143]);
  });

  it('closes a session adopted after exit began instead of keeping it', async () => {
    const {exit} = owner();
    exit.addCleanup(() => new Promise<void>(() => undefined));
    void exit.exit(129).catch(() => undefined);
    let closed = false;
    exit.adopt({close: async () => void (closed = true)});
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(true);
  });
});
