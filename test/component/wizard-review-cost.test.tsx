// The review's cost row (issue #24) at 80×24: "≈ $X/h for N replicas (list price, compute only);
// at most $Y if it runs to its timeout" in the short form that fits 80 columns, without pushing
// the steps or the submit hint off screen; "not priced" with the reason outside the price table.
import {describe, expect, it} from 'vitest';
import {
  BUILTIN_CATALOG,
  draftCost,
  draftCostLine,
  exampleDraft,
  type JobDraft,
} from '../../source/core/job-spec/index.js';
import {renderWizard, renderWizardAt80, tick} from '../helpers/wizard-harness.js';

const example = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});
const TODAY = '2026-12-06';

async function review(draft: JobDraft, wide = false) {
  const app = wide
    ? renderWizard({initialDraft: draft, initialStep: -1}, {width: 160, height: 22})
    : renderWizardAt80({initialDraft: draft, initialStep: -1});
  await tick(80);
  return app;
}

describe('review cost row', () => {
  it('fits 80×24 in its short form, with the steps and the submit hint still on screen', async () => {
    const draft: JobDraft = {...example, timeoutSeconds: 10 * 3600};
    const app = await review(draft);
    const frame = app.lastFrame() ?? '';
    const lines = frame.split('\n');
    // n1-standard-4 × the example's replicas at the built-in us-central1 list price.
    const cost = draftCost(draft, BUILTIN_CATALOG, TODAY);
    expect(cost.ok).toBe(true);
    const row = lines.find((line) => line.includes('≈ $'));
    expect(row).toBeDefined();
    expect(row).toMatch(
      /≈ \$\d+\.\d\d\/h, \d+ replicas? \(list price, compute only\); ≤ \$\d+\.\d\d by timeout/,
    );
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(frame).toMatch(/Press enter to submit/);
    expect(frame).toMatch(/Where/);
    app.unmount();
  });

  it('says it in full where there is room', async () => {
    const app = await review({...example, timeoutSeconds: 3600}, true);
    expect(app.lastFrame()).toMatch(
      /≈ \$\d+\.\d\d\/h for \d+ replicas? \(list price, compute only\); at most \$\d+\.\d\d if it runs to its timeout/,
    );
    app.unmount();
  });

  it('says why a draft is not priced', async () => {
    const app = await review({...example, region: 'asia-east1'});
    expect(app.lastFrame()).toMatch(
      /Cost: not priced \(no list price for n1-standard-4 in asia-east1/,
    );
    app.unmount();
  });
});

describe('draftCost', () => {
  const catalog = {
    ...BUILTIN_CATALOG,
    prices: [
      {
        kind: 'machine' as const,
        name: 'n1-standard-4',
        region: 'us-central1',
        usdPerHour: 0.25,
        spotUsdPerHour: 0.1,
      },
    ],
  };
  const pools = (count: number): JobDraft['workerPools'] => [
    {...example.workerPools[0], replicaCount: 1},
    {...example.workerPools[0], replicaCount: count},
  ];

  it('per hour for every replica, at most to the timeout (7 days when unset)', () => {
    const draft: JobDraft = {...example, workerPools: pools(3), timeoutSeconds: 2 * 3600};
    expect(draftCost(draft, catalog, TODAY)).toMatchObject({
      ok: true,
      perHour: 1,
      replicas: 4,
      atMost: 2,
    });
    const {timeoutSeconds: _, ...noTimeout} = draft;
    expect(draftCost(noTimeout, catalog, TODAY)).toMatchObject({atMost: 7 * 24});
  });

  it('uses Spot prices for a Spot job, and prices no flex-start job', () => {
    const spot: JobDraft = {
      ...example,
      workerPools: pools(1),
      timeoutSeconds: 3600,
      schedulingStrategy: 'SPOT',
    };
    expect(draftCost(spot, catalog, TODAY)).toMatchObject({ok: true, perHour: 0.2, spot: true});
    expect(draftCostLine(draftCost(spot, catalog, TODAY), 200, true)).toBe(
      '≈ $0.20/h on Vertex for 2 replicas (list price Spot, compute only); at most $0.20 if it runs to its timeout',
    );
    expect(draftCost({...spot, schedulingStrategy: 'FLEX_START'}, catalog, TODAY)).toMatchObject({
      ok: false,
    });
  });

  it('a tuning job: parallel trials per hour, every trial to its timeout at most', () => {
    const tuning: JobDraft = {
      ...example,
      workflow: 'hyperparameter-tuning-job',
      workerPools: [{...example.workerPools[0], replicaCount: 1}],
      timeoutSeconds: 3600,
      study: {
        metrics: [],
        parameters: [],
        algorithm: 'ALGORITHM_UNSPECIFIED',
        maxTrialCount: 10,
        parallelTrialCount: 2,
      },
    } as JobDraft;
    expect(draftCost(tuning, catalog, TODAY)).toMatchObject({
      ok: true,
      perHour: 0.5,
      replicas: 2,
      atMost: 2.5,
    });
  });
});
