import {describe, expect, it} from 'vitest';
import {copyToClipboard, osc52} from '../../source/ui/shell/clipboard.js';

describe('OSC 52 copy', () => {
  it('sends the text base64-encoded in one OSC 52 sequence, only to a terminal', () => {
    const name = 'projects/p/locations/us-central1/customJobs/123';
    expect(osc52(name)).toBe(`\x1b]52;c;${Buffer.from(name).toString('base64')}\x07`);
    const written: string[] = [];
    const tty = {isTTY: true, write: (text: string) => written.push(text)} as never;
    expect(copyToClipboard(name, tty)).toBe(true);
    expect(written).toEqual([osc52(name)]);
    const pipe = {isTTY: false, write: () => expect.fail('wrote to a pipe')} as never;
    expect(copyToClipboard(name, pipe)).toBe(false);
  });
});
