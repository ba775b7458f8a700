// YAML aliases in a job file: an alias without an anchor and an alias bomb are problems with a
// line and column (the yaml library throws a bare ReferenceError from toJS() for both).
import {describe, expect, it} from 'vitest';
import {importJobText, MAX_ALIAS_COUNT} from '../../../source/core/job-spec/import.js';

const POOL = [
  'workerPoolSpecs:',
  '  - machineSpec: &machine',
  '      machineType: n1-standard-4',
  '    replicaCount: 1',
  '    containerSpec:',
  '      imageUri: gcr.io/p/i:1',
];

function errorsOf(text: string) {
  const result = importJobText(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('YAML aliases', () => {
  it('reads an alias whose anchor is set before it', () => {
    const text = [
      ...POOL,
      '  - machineSpec: *machine',
      '    replicaCount: 2',
      '    containerSpec:',
      '      imageUri: gcr.io/p/i:1',
    ].join('\n');
    const result = importJobText(text);
    expect(result.ok).toBe(true);
  });

  it('names an alias without an anchor, with its line and column', () => {
    const text = [...POOL, '      args: [*missing]'].join('\n');
    const [error, ...rest] = errorsOf(text);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({line: 7, column: 14, severity: 'error'});
    expect(error?.message).toBe('the alias *missing names no anchor &missing set before it');
    expect(error?.fix).toMatch(/set &missing on a value above/);
  });

  it(`refuses more than ${MAX_ALIAS_COUNT} alias expansions, naming the alias and the limit`, () => {
    const text = [
      ...POOL,
      '      args: &arg "--x"',
      `      command: [${Array.from({length: 200}, () => '*arg').join(', ')}]`,
    ].join('\n');
    const [error] = errorsOf(text);
    expect(error).toMatchObject({line: 8, column: 17});
    expect(error?.message).toMatch(
      /expands aliases more than 100 times \(\*arg is used 200 times\)/,
    );
    expect(error?.fix).toMatch(/write the repeated values out/);
  });
});
