// The Where step: backend (local emulator or Vertex AI), project, region (only training regions)
// and staging bucket, each saying where its value came from, and what submit will do when the
// choice differs from the backend the app runs on.
import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG, exampleDraft, type JobDraft} from '../../source/core/job-spec/index.js';
import type {ChoiceField} from '../../source/ui/screens/wizard/steps/field-kit.js';
import {fieldsOf} from '../../source/ui/screens/wizard/steps/index.js';
import {needsReopen} from '../../source/ui/screens/wizard/steps/where.js';
import {renderWizardAt80, tick} from '../helpers/wizard-harness.js';

const ENTER = '\r';
const UP = '\u001B[A';
const CTRL_U = '\u0015';
const draft = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
});
const session = {backend: 'local' as const, project: 'my-project', region: 'us-central1'};

function renderWhere() {
  return renderWizardAt80({
    initialDraft: draft,
    session,
    whereSources: {
      backend: {value: 'local', source: 'default'},
      project: {value: 'my-project', source: 'gcloud config "default"'},
      region: {value: 'us-central1', source: 'env CLOUDSDK_AI_REGION'},
      stagingBucket: {value: 'bucket-b', source: '--staging-bucket'},
    },
  });
}

describe('Where step', () => {
  it('shows each value with where it came from', async () => {
    const wizard = renderWhere();
    await tick(60);
    expect(wizard.flat()).toMatch(/Backend\s+local emulator \(runs the code on this machine\)/);
    expect(wizard.flat()).toMatch(/Project\s+my-project\s+from gcloud config "default"/);
    expect(wizard.flat()).toMatch(/Region\s+us-central1\s+from env CLOUDSDK_AI_REGION/);
    expect(wizard.flat()).toMatch(/Staging bucket\s+bucket-b\s+from --staging-bucket/);
  });

  it('offers both backends and says that submit reopens the app on the other one', async () => {
    const wizard = renderWhere();
    for (let i = 0; i < 5; i++) await wizard.press(UP);
    await wizard.press('+');
    expect(wizard.flat()).toMatch(/Backend\s+Vertex AI \(Google Cloud\)/);
    expect(wizard.flat()).toMatch(
      /submit reopens the app on Vertex AI · my-project · us-central1 \(the app runs on local emulator · my-project · us-central1 now\)/,
    );
    await wizard.press('+');
    expect(wizard.flat()).not.toMatch(/submit reopens/);
  });

  it('a typed project is no longer "from gcloud", and submit will move there', async () => {
    const wizard = renderWhere();
    for (let i = 0; i < 5; i++) await wizard.press(UP);
    await wizard.press('\u001B[B', ENTER, CTRL_U, ...'other-project', ENTER);
    expect(wizard.flat()).toMatch(/Project\s+other-project/);
    expect(wizard.flat()).not.toMatch(/from gcloud config/);
    expect(wizard.flat()).toMatch(/submit reopens the app on local emulator · other-project/);
  });

  it('lists only the catalog regions that offer training', () => {
    const region = fieldsOf('where', draft, {
      catalog: BUILTIN_CATALOG,
      today: '2026-12-01',
      pool: 0,
    }).find((f) => f.id === 'region') as ChoiceField;
    const offered = region.options(draft, {catalog: BUILTIN_CATALOG, today: '', pool: 0});
    expect(offered.map((o) => o.value)).toEqual([...BUILTIN_CATALOG.regions]);
    expect(offered.map((o) => o.value)).not.toContain('global');
  });

  it('reopens only for another backend, project or region', () => {
    expect(needsReopen(draft, session)).toBe(false);
    expect(needsReopen({...draft, backend: 'local'}, session)).toBe(false);
    expect(needsReopen({...draft, backend: 'vertex'} as JobDraft, session)).toBe(true);
    expect(needsReopen({...draft, region: 'europe-west4'}, session)).toBe(true);
    expect(needsReopen(draft, undefined)).toBe(false);
    // A Vertex session stages to its resolved bucket: another bucket in the draft reopens it.
    const vertex = {...session, backend: 'vertex' as const, stagingBucket: 'bucket-b'};
    const onVertex = {...draft, backend: 'vertex' as const};
    expect(needsReopen(onVertex, vertex)).toBe(false);
    const otherBucket = JSON.parse(
      JSON.stringify(onVertex).replaceAll('gs://bucket-b/', 'gs://bucket-c/'),
    );
    expect(needsReopen(otherBucket, vertex)).toBe(true);
  });
});
