// Property tests: for every valid draft the generators produce, building the request and importing
// it back gives the same draft, and so do the exported REST JSON and gcloud --config YAML.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  buildCreateRequest,
  errorsOf,
  gcloudConfigYaml,
  importJobObject,
  importJobText,
  restBodyJson,
  validateDraft,
  type ImportResult,
  type JobDraft,
} from '../../../source/core/job-spec/index.js';
import {validDraft} from './arbitraries.js';

const TODAY = new Date('2026-01-01');
const RUNS = {numRuns: 150};

function draftOf(result: ImportResult): JobDraft {
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.draft;
}

describe('round trips (property)', () => {
  it('generators produce only valid drafts', () => {
    fc.assert(
      fc.property(validDraft, (draft) => {
        expect(errorsOf(validateDraft(draft, TODAY))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('draft → request → draft is the identity', () => {
    fc.assert(
      fc.property(validDraft, (draft) => {
        const {request} = buildCreateRequest(draft);
        expect(draftOf(importJobObject(structuredClone(request)))).toEqual(draft);
      }),
      RUNS,
    );
  });

  it('draft → REST JSON → draft is the identity', () => {
    fc.assert(
      fc.property(validDraft, (draft) => {
        const context = {project: draft.project, region: draft.region};
        expect(draftOf(importJobText(restBodyJson(draft), context))).toEqual(draft);
      }),
      RUNS,
    );
  });

  it('draft → gcloud --config YAML (+ flags) → draft is the identity', () => {
    fc.assert(
      fc.property(validDraft, (draft) => {
        const context = {
          project: draft.project,
          region: draft.region,
          displayName: draft.displayName,
          labels: draft.labels,
          ...(draft.encryptionKeyName !== undefined && {
            encryptionKeyName: draft.encryptionKeyName,
          }),
        };
        expect(draftOf(importJobText(gcloudConfigYaml(draft), context))).toEqual(draft);
      }),
      RUNS,
    );
  });
});
