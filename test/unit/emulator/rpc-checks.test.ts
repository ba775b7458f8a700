// What rpc/ checks in a request's options: the fault configuration (faults.ts), read masks
// (read-mask.ts) and the filter grammar's field rules (filter.ts).
import {describe, expect, it} from 'vitest';
import {checkFaultConfig, parseFaultConfig} from '../../../source/emulator/rpc/faults.js';
import {applyReadMask, checkReadMask} from '../../../source/emulator/rpc/read-mask.js';
import {checkFilter, parseFilter} from '../../../source/emulator/rpc/filter.js';

describe('fault configuration', () => {
  it('is off when unset and parses the documented JSON', () => {
    expect(parseFaultConfig(undefined)).toBeUndefined();
    expect(parseFaultConfig('  ')).toBeUndefined();
    expect(
      parseFaultConfig('{"errors":[{"method":"GetCustomJob","code":"UNAVAILABLE","times":1}]}'),
    ).toEqual({errors: [{method: 'GetCustomJob', code: 'UNAVAILABLE', times: 1}]});
  });

  it('names the problem in a bad configuration', () => {
    expect(() => parseFaultConfig('{oops')).toThrow(/VTRAIN_EMULATOR_FAULTS is not valid JSON/);
    expect(() => checkFaultConfig([])).toThrow(/JSON object/);
    expect(() => checkFaultConfig({delays: [{ms: -1}]})).toThrow(/faults\.delays\[0\]\.ms/);
    expect(() => checkFaultConfig({dropTailAfterEntries: 0})).toThrow(/dropTailAfterEntries/);
    expect(() => checkFaultConfig({flexStartHoldSeconds: -1})).toThrow(/flexStartHoldSeconds/);
    // Vertex retries a stockout up to 3 times (facts §9.1): a fourth is not Vertex's behaviour.
    expect(() => checkFaultConfig({stockoutRetries: {times: 4}})).toThrow(/up to 3 times/);
    expect(checkFaultConfig({flexStartHoldSeconds: 30, stockoutRetries: {times: 3}})).toEqual({
      flexStartHoldSeconds: 30,
      stockoutRetries: {times: 3},
    });
  });
});

describe('read mask', () => {
  const job = {name: 'n', displayName: 'd', jobSpec: {workerPoolSpecs: [{}], serviceAccount: 's'}};
  it('keeps only the named (snake_case, dotted) paths', () => {
    expect(applyReadMask(job, checkReadMask({paths: ['display_name']}))).toEqual({
      displayName: 'd',
    });
    expect(applyReadMask(job, checkReadMask({paths: ['job_spec.service_account']}))).toEqual({
      jobSpec: {serviceAccount: 's'},
    });
    expect(applyReadMask(job, checkReadMask({paths: []}))).toBe(job);
    expect(() => checkReadMask({paths: ['secret']})).toThrow(/"secret"/);
  });
});

describe('checkFilter', () => {
  const rules = (field: string) =>
    field === 'state'
      ? {operators: ['=' as const], checkValue: (v: string) => (v === 'OK' ? undefined : 'is bad')}
      : undefined;
  it('names the field, operator or value that a service does not take', () => {
    expect(() => checkFilter(parseFilter('state=OK'), rules)).not.toThrow();
    expect(() => checkFilter(parseFilter('NOT (state=OK OR other=1)'), rules)).toThrow(
      /unsupported field "other" at 17/,
    );
    expect(() => checkFilter(parseFilter('state!=OK'), rules)).toThrow(/unsupported operator "!="/);
    expect(() => checkFilter(parseFilter('state=NO'), rules)).toThrow(
      /value "NO" for field "state" at 0 is bad/,
    );
  });
});
