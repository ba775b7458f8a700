// The pending reason per reason (services/jobs/pending-reason.ts): flex-start capacity with the
// time left of its max wait (set, default 24 h, 0 = forever, passed), a stockout retried (counted,
// region named, Google's documented text), quota (metric named, from a line or the job's status),
// provisioning, plain queue — and no reason once the job runs. Every Duration shape the clients
// give is read.
import {describe, expect, it} from 'vitest';
import {
  durationSeconds,
  pendingLine,
  pendingReason,
  spacedDuration,
} from '../../../source/services/jobs/pending-reason.js';
import type {JobSummary} from '../../../source/services/vertex/job-snapshot.js';
import type {LogLine} from '../../../source/services/vertex/log-line.js';
import {ServiceNotes} from '../../../source/services/logs/service-notes.js';

const CREATED = Date.parse('2026-12-06T08:00:00Z');
const at = (minutes: number) => CREATED + minutes * 60_000;

function job(
  state: string,
  scheduling?: Record<string, unknown>,
  extra: Partial<JobSummary> = {},
): JobSummary {
  const jobSpec = {workerPoolSpecs: [], ...(scheduling && {scheduling})};
  return {
    kind: 'custom',
    name: 'projects/p/locations/us-central1/customJobs/1',
    id: '1',
    displayName: 'j',
    state: state as JobSummary['state'],
    createTime: new Date(CREATED),
    labels: {},
    resource: {jobSpec} as JobSummary['resource'],
    jobSpec: jobSpec as JobSummary['jobSpec'],
    ...extra,
  };
}
const note = (minutes: number, message: string) => ({message, timestampMs: at(minutes)});
const STOCKOUT =
  'Resources are insufficient in region: us-central1. Try a different region or use a different accelerator.';

describe('pendingReason', () => {
  it('flex-start: up to the rest of the max wait, and the time waited', () => {
    const reason = pendingReason(
      job('JOB_STATE_PENDING', {strategy: 'FLEX_START', maxWaitDuration: {seconds: '7200'}}),
      [],
      at(48),
    );
    expect(reason).toEqual({
      kind: 'capacity',
      text: 'waiting for capacity — up to 1 h 12 m more (max wait 2 h)',
      waitedMs: 48 * 60_000,
    });
    expect(pendingLine(reason!)).toBe(
      'waiting for capacity — up to 1 h 12 m more (max wait 2 h) · waited 48 m',
    );
  });

  it('flex-start: the strategy as an enum number, the wait as REST JSON, QUEUED too', () => {
    const reason = pendingReason(
      job('JOB_STATE_QUEUED', {strategy: 6, maxWaitDuration: '1800s'}),
      [],
      at(10),
    );
    expect(reason?.text).toBe('waiting for capacity — up to 20 m more (max wait 30 m)');
  });

  it('flex-start: default max wait of 24 h (the proto), 0 waits forever, a passed max wait', () => {
    expect(
      pendingReason(job('JOB_STATE_PENDING', {strategy: 'FLEX_START'}), [], at(60))?.text,
    ).toBe('waiting for capacity — up to 23 h more (max wait 24 h, the default)');
    expect(
      pendingReason(
        job('JOB_STATE_PENDING', {strategy: 'FLEX_START', maxWaitDuration: {seconds: 0}}),
        [],
        at(60),
      )?.text,
    ).toBe('waiting for capacity (flex-start) — no max wait');
    expect(
      pendingReason(
        job('JOB_STATE_PENDING', {strategy: 'FLEX_START', maxWaitDuration: {seconds: 600}}),
        [],
        at(11),
      )?.text,
    ).toBe('waiting for capacity — past its max wait 10 m');
  });

  it('flex-start: once a service line says capacity is found, the job is provisioning', () => {
    const flex = job('JOB_STATE_PENDING', {strategy: 'FLEX_START'});
    const notes = [
      note(0, 'Waiting for job to be provisioned.'),
      note(1, 'Waiting for the requested resources (FLEX_START scheduling strategy).'),
      note(5, 'The requested resources are available; provisioning the job.'),
    ];
    expect(pendingReason(flex, notes, at(6))?.kind).toBe('provisioning');
    expect(pendingReason(flex, notes.slice(0, 2), at(6))?.kind).toBe('capacity');
  });

  it('stockout: Google’s text names the region, each retry is counted', () => {
    const notes = [note(1, STOCKOUT), note(3, STOCKOUT)];
    const reason = pendingReason(job('JOB_STATE_PENDING'), notes, at(4));
    expect(reason?.kind).toBe('stockout');
    expect(pendingLine(reason!)).toBe(
      'stockout: resources are insufficient in us-central1 — retry 2 of 3 · waited 4 m',
    );
    // Given out of order, counted the same; a later "starting" line ends it.
    expect(pendingReason(job('JOB_STATE_PENDING'), [...notes].reverse(), at(4))?.text).toMatch(
      /retry 2 of 3/,
    );
    expect(
      pendingReason(
        job('JOB_STATE_PENDING'),
        [...notes, note(5, 'Waiting for training program to start.')],
        at(6),
      )?.kind,
    ).toBe('provisioning');
  });

  it('stockout: other plausible shapes (a zone exhausted) without a region', () => {
    const reason = pendingReason(
      job('JOB_STATE_PENDING'),
      [note(1, 'ZONE_RESOURCE_POOL_EXHAUSTED: the zone does not have enough resources')],
      at(2),
    );
    expect(reason?.text).toBe('stockout: resources are insufficient — retry 1 of 3');
  });

  it('quota: from a service line or the job’s status, with the metric named', () => {
    const quota =
      'The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus';
    expect(pendingReason(job('JOB_STATE_QUEUED'), [note(1, quota)], at(2))?.text).toBe(
      'waiting for quota: aiplatform.googleapis.com/custom_model_training_nvidia_l4_gpus',
    );
    const withStatus = job('JOB_STATE_QUEUED', undefined, {
      error: {code: 8, message: 'Not enough custom training quota for this job.'},
    });
    expect(pendingReason(withStatus, [], at(2))).toMatchObject({
      kind: 'quota',
      text: 'waiting for custom-training quota',
    });
  });

  it('provisioning while PENDING, queued while QUEUED, nothing in any other state', () => {
    expect(pendingReason(job('JOB_STATE_PENDING'), [], at(1))?.text).toBe(
      'provisioning machines and starting the training program',
    );
    expect(pendingReason(job('JOB_STATE_QUEUED'), [], at(1))?.kind).toBe('queued');
    for (const state of ['JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED']) {
      expect(pendingReason(job(state, {strategy: 'FLEX_START'}), [note(1, STOCKOUT)], at(2))).toBe(
        undefined,
      );
    }
  });

  it('without a createTime there is no time waited', () => {
    const reason = pendingReason(
      job('JOB_STATE_PENDING', {strategy: 'FLEX_START'}, {createTime: undefined}),
      [],
      at(1),
    );
    expect(reason?.text).toBe('waiting for capacity (flex-start, max wait 24 h, the default)');
    expect(pendingLine(reason!)).not.toMatch(/waited/);
  });
});

describe('durations', () => {
  it('reads every Duration shape', () => {
    expect(durationSeconds({seconds: '7200'})).toBe(7200);
    expect(durationSeconds({seconds: {toString: () => '60'}, nanos: 500_000_000})).toBe(60.5);
    expect(durationSeconds('3600s')).toBe(3600);
    expect(durationSeconds('1.5s')).toBe(1.5);
    expect(durationSeconds('soon')).toBeUndefined();
    expect(durationSeconds(null)).toBeUndefined();
  });
  it('writes them in the issue’s spaced style', () => {
    expect(spacedDuration(42_000)).toBe('42 s');
    expect(spacedDuration(200_000)).toBe('3 m 20 s');
    expect(spacedDuration(12 * 60_000)).toBe('12 m');
    expect(spacedDuration(72 * 60_000)).toBe('1 h 12 m');
    expect(spacedDuration(2 * 3600_000)).toBe('2 h');
    expect(spacedDuration(27 * 3600_000)).toBe('27 h');
    expect(spacedDuration(51 * 3600_000)).toBe('2 d 3 h');
  });
});

describe('ServiceNotes', () => {
  const line = (replica: string, message: string, timestampMs: number) =>
    ({replica, message, timestampMs, severity: 'INFO'}) as LogLine;
  it('keeps only service entries, in timestamp order, the latest 32', () => {
    const notes = new ServiceNotes();
    notes.observe(line('workerpool0-0', 'Resources are insufficient in region: x', 5));
    notes.observe(line('service', 'second', 2));
    notes.observe(line('service', 'first', 1));
    expect(notes.recent().map((note) => note.message)).toEqual(['first', 'second']);
    for (let index = 0; index < 40; index++)
      notes.observe(line('service', `n${index}`, 10 + index));
    expect(notes.recent()).toHaveLength(32);
    expect(notes.recent().at(-1)?.message).toBe('n39');
    notes.observe(line('service', 'too old', 0));
    expect(notes.recent().some((note) => note.message === 'too old')).toBe(false);
  });
});
