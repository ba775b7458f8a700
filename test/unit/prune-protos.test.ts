// The API worker drops aiplatform's v1beta1 protos before its clients load them (less memory);
// the v1 services the app calls must all still be there.
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import {dropUnusedAiplatformVersions} from '../../source/services/vertex/prune-protos.js';

interface Namespace {
  nested?: Record<string, Namespace>;
  methods?: Record<string, unknown>;
}

describe('dropUnusedAiplatformVersions', () => {
  it('removes v1beta1 from the cached protos and keeps the v1 services the app uses', () => {
    dropUnusedAiplatformVersions();
    const json = createRequire(import.meta.url)(
      '@google-cloud/aiplatform/build/protos/protos.json',
    ) as Namespace;
    const versions = json.nested!.google!.nested!.cloud!.nested!.aiplatform!.nested!;
    expect(Object.keys(versions)).toEqual(['v1']);
    for (const service of ['JobService', 'PipelineService', 'DatasetService'])
      expect(Object.keys(versions.v1!.nested![service]!.methods!).length).toBeGreaterThan(5);
    // A second call finds nothing left to drop.
    expect(dropUnusedAiplatformVersions()).toBe(false);
  });
});
