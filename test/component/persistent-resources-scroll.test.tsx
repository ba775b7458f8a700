// The persistent resources screen keeps the selected row in view: with more resources than rows,
// moving down used to select rows below the last one drawn (only the first rows were ever shown).
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {loadScreens} from '../../source/ui/app/screens.js';
import type {Session} from '../../source/services/backend/session.js';
import type {ResourceMessage} from '../../source/services/vertex/api.js';
import {renderAppOnJobs} from '../helpers/app-on-jobs.js';
import {until} from '../helpers/frames.js';

const PARENT = 'projects/local-project/locations/us-central1';
const resource = (index: number): ResourceMessage => ({
  name: `${PARENT}/persistentResources/pool-${String(index).padStart(2, '0')}`,
  state: 'RUNNING',
  resourcePools: [
    {
      id: 'main',
      machineSpec: {machineType: 'n1-standard-4'},
      replicaCount: '2',
      usedReplicaCount: '0',
    },
  ],
});

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());
beforeAll(() => loadScreens(['jobs', 'resources']));

describe('the persistent resources screen', () => {
  it(
    'keeps the selected resource in view when the list is longer than the screen',
    {timeout: 30_000},
    async () => {
      const session = {
        label: 'fake backend',
        api: {
          jobs: {listJobs: async () => ({items: [], nextPageToken: ''})},
          persistentResources: {
            listPersistentResources: async () => Array.from({length: 40}, (_, at) => resource(at)),
          },
        },
        close: async () => undefined,
      } as unknown as Session;
      const app = renderAppOnJobs(session);
      unmount = app.unmount;
      await until(app.lastFrame, /No jobs yet/);
      app.stdin.write('P');
      await until(app.lastFrame, /pool-00/);
      app.stdin.write('G');
      const bottom = await until(app.lastFrame, /❯ pool-39/);
      expect(bottom).not.toMatch(/pool-00/);
      app.stdin.write('g');
      const top = await until(app.lastFrame, /❯ pool-00/);
      expect(top).not.toMatch(/pool-39/);
    },
  );
});
