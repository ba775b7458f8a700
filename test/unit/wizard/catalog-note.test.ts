// What the wizard says about the image catalog, by backend (steps/catalog-note.ts), and the
// validator's part: an expired pre-built image is a warning for Vertex AI ("may refuse it": the
// date is published, https://cloud.google.com/vertex-ai/docs/training/pre-built-containers, the
// answer to an expired image is not) and no problem on the local emulator, which runs the code
// without the image: a note there, one row that fits 80 columns at the review.
import {describe, expect, it} from 'vitest';
import {
  BUILTIN_CATALOG,
  exampleDraft,
  validateDraft,
  type JobDraft,
  type Problem,
} from '../../../source/core/job-spec/index.js';
import {
  containerCatalogNote,
  reviewCatalogNote,
} from '../../../source/ui/screens/wizard/steps/catalog-note.js';

const TODAY = '2026-12-06';
const draft = exampleDraft({
  project: 'p',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'b',
  now: new Date(`${TODAY}T10:00:00Z`),
});
const ctx = {catalog: BUILTIN_CATALOG, today: TODAY, settingsPath: '/home/me/settings.json'};
const expired = (problems: Problem[]) =>
  problems.filter((p) => p.rule === 'image-end-of-availability');

describe('an expired pre-built image, by backend', () => {
  it('is a warning that Vertex AI may refuse it; no problem on the local emulator', () => {
    const forVertex = expired(validateDraft(draft, new Date(TODAY), {backend: 'vertex'}));
    expect(forVertex).toHaveLength(2); // both pools run the example's image
    expect(forVertex[0]).toMatchObject({severity: 'warning'});
    expect(forVertex[0]!.message).toMatch(
      /passed its end of availability .*: Vertex AI may refuse it/,
    );
    expect(expired(validateDraft(draft, new Date(TODAY)))).toHaveLength(2); // unset: as for Vertex
    expect(expired(validateDraft(draft, new Date(TODAY), {backend: 'local'}))).toEqual([]);
  });

  it('local: a note beside the framework, one row at the review that fits 80 columns', () => {
    expect(containerCatalogNote(draft, 0, ctx, 'local')).toMatch(
      /^note: no PyTorch image in the catalog is still available; the local emulator runs your code without the image/,
    );
    const longest = [...BUILTIN_CATALOG.prebuiltImages].sort(
      (a, b) => b.name.length - a.name.length,
    )[0]!;
    const withLongest: JobDraft = {
      ...draft,
      workerPools: [
        {
          ...draft.workerPools[0],
          task: {
            ...draft.workerPools[0].task,
            executorImageUri: `us-docker.pkg.dev/vertex-ai/training/${longest.name}:latest`,
          } as JobDraft['workerPools'][0]['task'],
        },
      ],
    };
    const row = reviewCatalogNote(
      withLongest,
      {catalog: BUILTIN_CATALOG, today: '2099-01-01'},
      'local',
    );
    expect(row).toMatch(/^note: .* is past its end of availability \(not used locally\)$/);
    expect(row!.length).toBeLessThanOrEqual(80);
  });

  it('Vertex AI: the review note is the validator warning; beside the framework, the old catalog', () => {
    expect(reviewCatalogNote(draft, ctx, 'vertex')).toBeUndefined();
    expect(containerCatalogNote(draft, 0, ctx, 'vertex')).toMatch(
      /^note: catalog checked \d{4}-\d\d-\d\d, \d+ months ago.*→ .*\/home\/me\/settings\.json/,
    );
  });

  it('nothing for a job that runs no pre-built image, nor for an image still available', () => {
    const custom: JobDraft = {
      ...draft,
      workerPools: [
        {
          ...draft.workerPools[0],
          task: {
            kind: 'container',
            imageUri: 'us-docker.pkg.dev/p/r/i:1',
            command: [],
            args: [],
            env: [],
          },
        },
      ],
    };
    expect(containerCatalogNote(custom, 0, ctx, 'local')).toBeUndefined();
    expect(reviewCatalogNote(custom, ctx, 'local')).toBeUndefined();
    expect(reviewCatalogNote(draft, {...ctx, today: '2020-01-01'}, 'local')).toBeUndefined();
  });
});
