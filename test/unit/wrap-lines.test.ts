import {describe, expect, it} from 'vitest';
import {wrapLines} from '../../source/core/text/wrap-lines.js';

describe('wrapLines', () => {
  it('keeps short text and its indentation as is', () => {
    expect(wrapLines('    "a": 1,', 20)).toEqual(['    "a": 1,']);
  });
  it('breaks at spaces, continues under the indent, loses no character', () => {
    const text = '  alpha beta gamma delta epsilon zeta eta theta';
    const rows = wrapLines(text, 16, '    ');
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(16);
    expect(rows[0]!.startsWith('  alpha')).toBe(true);
    expect(rows.slice(1).every((row) => row.startsWith('    '))).toBe(true);
    expect(rows.map((r) => r.trim()).join(' ')).toBe(text.trim());
  });
  it('cuts a word wider than a row into pieces', () => {
    const uri = 'gs://bucket/vtrain-packages/distributed-linear-0123456789ab.tar.gz';
    const rows = wrapLines(uri, 20);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(20);
    expect(rows.map((r) => r.trim()).join('')).toBe(uri);
  });
});
