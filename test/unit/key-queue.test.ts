import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {KeyQueue} from '../../source/ui/shell/keys/key-queue.js';

const plain = {return: false, ctrl: false, meta: false, escape: false} as Key;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyQueue', () => {
  it('applies a burst one key per redraw, in order', async () => {
    const applied: string[] = [];
    const queue = new KeyQueue((input) => {
      applied.push(input);
      return true;
    });
    queue.push('abc', plain);
    expect(applied).toEqual(['a']);
    queue.redrawn();
    await sleep(5);
    expect(applied).toEqual(['a', 'b']);
    queue.redrawn();
    await sleep(5);
    expect(applied).toEqual(['a', 'b', 'c']);
    queue.dispose();
  });

  it('moves on after a short wait when a key redraws nothing', async () => {
    const applied: string[] = [];
    const queue = new KeyQueue(
      (input) => {
        applied.push(input);
        return true;
      },
      {redrawWaitMs: 10, holdLimitMs: 1000},
    );
    queue.push('xy', plain);
    await sleep(40);
    expect(applied).toEqual(['x', 'y']);
    queue.dispose();
  });

  it('holds a key until a screen can take it, then drops it after the limit', async () => {
    let ready = false;
    const applied: string[] = [];
    const queue = new KeyQueue(
      (input) => {
        if (!ready) return false;
        applied.push(input);
        return true;
      },
      {redrawWaitMs: 5, holdLimitMs: 200},
    );
    queue.push('a', plain);
    await sleep(30);
    expect(applied).toEqual([]);
    ready = true;
    queue.redrawn();
    await sleep(20);
    expect(applied).toEqual(['a']);

    ready = false;
    queue.push('b', plain);
    queue.push('c', plain);
    await sleep(300);
    ready = true;
    await sleep(30);
    // "b" waited past the limit and was dropped; "c" then found its screen.
    expect(applied).toEqual(['a', 'c']);
    queue.dispose();
  });
});
