// The commands' pending reason (services/jobs/pending-notes.ts): one entries.list read of the
// waiting job's service lines (task_name "service", from its createTime) names a stockout; a read
// that fails leaves the reason from the resource; a running job reads nothing. Also the header
// row it adds to the dashboard layout.
import {describe, expect, it} from 'vitest';
import {readPendingReason} from '../../../source/services/jobs/pending-notes.js';
import {jobHeaderHeight} from '../../../source/ui/screens/dashboard/dashboard-layout.js';
import type {JobSummary} from '../../../source/services/vertex/job-snapshot.js';
import type {ListLogEntriesRequest} from '../../../source/services/vertex/api.js';

const CREATED = Date.parse('2026-12-06T08:00:00Z');
const PARENT = 'projects/p/locations/us-central1';
const STOCKOUT =
  'Resources are insufficient in region: us-central1. Try a different region or use a different accelerator.';

const job = (state: string): JobSummary => ({
  kind: 'custom',
  name: `${PARENT}/customJobs/9`,
  id: '9',
  displayName: 'j',
  state: state as JobSummary['state'],
  createTime: new Date(CREATED),
  labels: {},
  resource: {jobSpec: {}} as JobSummary['resource'],
});

describe('readPendingReason', () => {
  it('reads the service lines of a waiting job and names the stockout', async () => {
    const requests: ListLogEntriesRequest[] = [];
    const logging = {
      async listLogEntries(request: ListLogEntriesRequest) {
        requests.push(request);
        return {
          entries: [],
          nextPageToken: '',
          lines: [STOCKOUT].map((message) => ({message, timestampMs: CREATED + 1000}) as never),
        };
      },
    };
    const reason = await readPendingReason(
      logging,
      PARENT,
      job('JOB_STATE_PENDING'),
      CREATED + 5000,
    );
    expect(reason?.text).toBe('stockout: resources are insufficient in us-central1 — retry 1 of 3');
    expect(requests[0]?.resourceNames).toEqual(['projects/p']);
    expect(requests[0]?.filter).toContain('resource.labels.task_name="service"');
    expect(requests[0]?.filter).toContain('timestamp>="2026-12-06T07:59:59.000Z"');
  });

  it('falls back to the resource when the read fails, and reads nothing for a running job', async () => {
    let reads = 0;
    const logging = {
      async listLogEntries(): Promise<never> {
        reads++;
        throw new Error('PERMISSION_DENIED');
      },
    };
    expect(
      (await readPendingReason(logging, PARENT, job('JOB_STATE_PENDING'), CREATED))?.kind,
    ).toBe('provisioning');
    expect(await readPendingReason(logging, PARENT, job('JOB_STATE_RUNNING'), CREATED)).toBe(
      undefined,
    );
    expect(reads).toBe(1);
  });
});

describe('dashboard header height', () => {
  it('gives the pending line its own row', () => {
    expect(jobHeaderHeight(false)).toBe(2);
    expect(jobHeaderHeight(false, true)).toBe(3);
    expect(jobHeaderHeight(true, true)).toBe(4);
  });
});
