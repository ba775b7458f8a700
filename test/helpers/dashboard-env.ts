// What the dashboard's pty tests share: one emulator service for the file (the scenario and tuning
// packages staged), jobs created through the official client, and the app opened on the job list
// filtered to one job, or on that job's dashboard. Screens are killed after each test; the
// service is stopped, and no process of the data folder may be left, after the file.
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, expect} from 'vitest';
import type {Clients} from '../../source/services/vertex/clients.js';
import {stagePackageLocally} from '../../source/services/vertex/package-staging.js';
import {processesMatching, waitFor} from './emulator.js';
import {PtyScreen} from './pty-screen.js';
import {scenarioRequest} from './scenario.js';
import {connect, runCli, tempDataDir} from './service.js';

export const ENTER = '\r';
export const CTRL_C = '\x03';
export const CTRL_U = '\x15';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** The log pane: from its toggle bar down. */
export const logPane = (screen: string) => screen.slice(Math.max(0, screen.indexOf('── ')));

export interface DashboardEnv {
  readonly dataDir: string;
  readonly clients: Clients;
  /** Screens to kill after the test (openList adds its own). */
  readonly screens: PtyScreen[];
  createJob(
    displayName: string,
    primary: string[],
    workers?: string[],
  ): Promise<{name: string; id: string}>;
  ended(name: string): Promise<void>;
  /** The app on the job list, filtered to `displayName`, with that row selected. */
  openList(displayName: string): Promise<PtyScreen>;
  /** The same, then `key` (enter: the dashboard; l: its logs full screen). */
  openDashboard(displayName: string, key?: string): Promise<PtyScreen>;
}

export function dashboardEnvironment(): DashboardEnv {
  let dataDir = '';
  let clients: Clients | undefined;
  const screens: PtyScreen[] = [];

  beforeAll(async () => {
    dataDir = await tempDataDir();
    expect((await runCli(['emulator', 'start', '--data-dir', dataDir])).code).toBe(0);
    ({clients} = await connect(dataDir));
    const buckets = path.join(dataDir, 'buckets');
    await stagePackageLocally(
      path.join(FIXTURES, 'scenario-package'),
      'gs://staging/scenario-0.1.tar.gz',
      buckets,
    );
    await stagePackageLocally(
      path.join(FIXTURES, 'tuning-package'),
      'gs://staging/tuner-0.1.0.tar.gz',
      buckets,
    );
  }, 60_000);

  afterEach(() => {
    screens.splice(0).forEach((screen) => screen.kill());
  });

  afterAll(async () => {
    await clients?.close();
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    expect(await processesMatching(dataDir)).toEqual([]);
    await fs.rm(dataDir, {recursive: true, force: true});
  });

  const env: DashboardEnv = {
    get dataDir() {
      return dataDir;
    },
    get clients() {
      if (!clients) throw new Error('the emulator is not started yet');
      return clients;
    },
    screens,
    async createJob(displayName, primary, workers) {
      const request = scenarioRequest(primary, {
        displayName,
        ...(workers && {workers: {args: workers, count: 2}}),
      });
      const [job] = await env.clients.jobs.createCustomJob(request as never);
      return {name: job.name as string, id: (job.name as string).split('/').pop()!};
    },
    async ended(name) {
      await waitFor(
        async () => {
          const [job] = await env.clients.jobs.getCustomJob({name});
          return /SUCCEEDED|FAILED|CANCELLED/.test(String(job.state)) ? true : undefined;
        },
        90_000,
        'the job to end',
      );
    },
    async openList(displayName) {
      const screen = new PtyScreen(
        ['--project', 'test-project'],
        {VTRAIN_DATA_DIR: dataDir, VTRAIN_SETTINGS: path.join(dataDir, 'settings.json')},
        130,
        44,
      );
      screens.push(screen);
      await screen.waitFor(new RegExp(displayName), 30_000);
      await screen.press('/');
      await screen.press(`${CTRL_U}${displayName}${ENTER}`, 400);
      return screen;
    },
    async openDashboard(displayName, key = ENTER) {
      const screen = await env.openList(displayName);
      await screen.press(key);
      await screen.waitFor(
        new RegExp(`${displayName} · custom job · customJobs\\/\\d+ · local emulator`),
        30_000,
      );
      return screen;
    },
  };
  return env;
}
