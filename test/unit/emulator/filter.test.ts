import {describe, expect, it} from 'vitest';
import {evaluateFilter, parseFilter} from '../../../source/emulator/rpc/filter.js';
import {logRecordResolver, type LogRecord} from '../../../source/emulator/logging/log-store.js';

const record = (overrides: Partial<LogRecord> = {}): LogRecord => ({
  insertId: 'id1',
  timestampNs: 1_700_000_000_000_000_000n,
  logName: 'projects/p/logs/workerpool0-0',
  resource: {type: 'ml_job', labels: {job_id: '42', task_name: 'workerpool0-0'}},
  labels: {},
  severity: 'INFO',
  textPayload: 'epoch 1 loss=0.5',
  ...overrides,
});

const matches = (filter: string, r = record()) =>
  evaluateFilter(parseFilter(filter), logRecordResolver(r));

describe('log filter', () => {
  it('reads a leading minus as NOT (AIP-160: term = [(NOT WS | MINUS)] simple)', () => {
    expect(matches('-severity=ERROR')).toBe(true);
    expect(matches('-severity=INFO')).toBe(false);
    expect(matches('resource.type=ml_job -resource.labels.job_id="43"')).toBe(true);
    expect(matches('-(severity=INFO OR severity=ERROR)')).toBe(false);
    expect(matches('- severity=INFO')).toBe(false);
    // a minus inside a value is still part of the value
    expect(matches('textPayload:"loss=0.5" AND resource.labels.job_id!="-42"')).toBe(true);
  });

  it('matches the gcloud stream-logs filter', () => {
    expect(matches('resource.type="ml_job" AND resource.labels.job_id="42"')).toBe(true);
    expect(matches('resource.type="ml_job" AND resource.labels.job_id="43"')).toBe(false);
  });

  it('binds OR tighter than AND, as AIP-160 and the Logging query language say', () => {
    // a AND (b OR c): false when a is false, whatever c is; (a AND b) OR c would be true.
    expect(matches('resource.labels.job_id="43" AND severity=ERROR OR resource.type=ml_job')).toBe(
      false,
    );
    expect(matches('resource.labels.job_id="42" AND severity=ERROR OR resource.type=ml_job')).toBe(
      true,
    );
    // Implicit AND too: `a b OR c` is `a AND (b OR c)`.
    expect(matches('resource.labels.job_id="43" severity=ERROR OR resource.type=ml_job')).toBe(
      false,
    );
    // NOT binds tightest, parentheses override.
    expect(matches('NOT resource.labels.job_id="42" OR severity=INFO')).toBe(true);
    expect(
      matches('(resource.labels.job_id="43" AND severity=ERROR) OR resource.type=ml_job'),
    ).toBe(true);
  });

  it('supports OR, NOT, parentheses and implicit AND', () => {
    expect(matches('resource.labels.task_name="x" OR resource.labels.job_id="42"')).toBe(true);
    expect(matches('NOT resource.labels.job_id="42"')).toBe(false);
    expect(matches('(resource.labels.task_name="x" OR severity=INFO) resource.type=ml_job')).toBe(
      true,
    );
  });

  it('orders severities', () => {
    expect(matches('severity>=ERROR')).toBe(false);
    expect(matches('severity>=ERROR', record({severity: 'CRITICAL'}))).toBe(true);
    expect(matches('severity<WARNING')).toBe(true);
  });

  it('compares timestamps with nanosecond precision', () => {
    expect(matches('timestamp>="2023-11-14T22:13:20Z"')).toBe(true);
    expect(matches('timestamp>"2023-11-14T22:13:20.000000001Z"')).toBe(false);
  });

  it('has the : operator for substrings', () => {
    expect(matches('textPayload:"LOSS="')).toBe(true);
    expect(matches('textPayload:"accuracy"')).toBe(false);
  });

  it('rejects unsupported syntax with the token named', () => {
    expect(() => parseFilter('resource.type ~ "x"')).toThrow(/"~"/);
    expect(() => parseFilter('resource.type="x" AND')).toThrow(/end of filter/);
    expect(() => matches('sourceLocation.file="a"')).toThrow(
      /unsupported field "sourceLocation.file"/,
    );
  });

  it('reads escaped quotes inside quoted strings', () => {
    expect(matches('textPayload="say \\"hi\\""', record({textPayload: 'say "hi"'}))).toBe(true);
    expect(() => parseFilter('textPayload="open')).toThrow(/unterminated string/);
  });

  it('treats a missing label as unequal, and `:*` as a presence test', () => {
    expect(matches('labels.phase:*')).toBe(false);
    expect(matches('labels.phase!="x"')).toBe(true);
    expect(matches('labels.phase:*', record({labels: {phase: 'train'}}))).toBe(true);
    expect(matches('NOT labels.phase:*')).toBe(true);
  });
});
