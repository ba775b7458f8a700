// The review screen's gcloud command runs as shown: for the example job, opened in the app (a real
// pseudo-terminal) at its review, the rows a user selects off the gcloud view, run as a file by
// bash after `eval "$(vtrain-tui emulator env-init)"`, create a job that the app then shows on
// its job list, with the spec the app itself would submit, and the job runs to success on the
// staged package.
import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openSession} from '../../source/services/backend/open-session.js';
import {
  buildCreateCustomJobRequest,
  exampleDraft,
  gcloudCreateArgv,
  stagedPackageNote,
} from '../../source/core/job-spec/index.js';
import type {Session} from '../../source/services/backend/session.js';
import {EXAMPLE_PACKAGE, waitFor} from '../helpers/emulator.js';
import {Gcloud, SKIP_GCLOUD} from '../helpers/gcloud.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {BIN, FAST_ENV, runCli, tempDataDir} from '../helpers/service.js';
import {bashArgv, copiedCommand} from '../helpers/shell-argv.js';

// The app's defaults, so the job list it opens on lists this project's jobs.
const PROJECT = 'local-project';
const REGION = 'us-central1';

let dataDir: string;
let session: Session;
let gcloud: Gcloud;

/** Runs bash with these arguments, as a user's terminal would; returns everything it printed. */
function bash(args: string[], env: Record<string, string>) {
  return new Promise<{code: number; output: string}>((resolve) => {
    execFile('bash', args, {env, timeout: 90_000}, (error, stdout, stderr) => {
      resolve({code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`});
    });
  });
}

const shellWord = (word: string) => `'${word.replaceAll("'", `'"'"'`)}'`;

describe.skipIf(SKIP_GCLOUD)("the review's gcloud command, after env-init", () => {
  beforeAll(async () => {
    dataDir = await tempDataDir();
    // The sealed gcloud environment (own config dir, no update check, no metadata probe); the
    // emulator endpoints come from env-init inside the shell below.
    gcloud = await Gcloud.create({});
    session = await openSession({
      project: PROJECT,
      region: REGION,
      dataDir,
      python: 'python3',
      binScript: BIN,
    });
  });
  afterAll(async () => {
    await session?.close();
    await gcloud?.close();
    await runCli(['emulator', 'stop', '--data-dir', dataDir]);
    await fs.rm(dataDir, {recursive: true, force: true});
  });

  it('creates the job the app then shows, and it runs', async () => {
    const draft = exampleDraft({
      project: PROJECT,
      region: REGION,
      packagePath: EXAMPLE_PACKAGE,
      stagingBucket: 'vtrain-local-staging',
    });
    // Submitting stages the folder (content-hashed name); the command names the staged package.
    const staged = await session.stagePackages(draft);
    const uri = (staged.workerPools[0]?.task as {packageUris: string[]}).packageUris[0] as string;
    expect(uri).toMatch(
      /^gs:\/\/vtrain-local-staging\/vtrain-packages\/[\w.-]+-[0-9a-f]{8,}\.tar\.gz$/,
    );
    expect(stagedPackageNote(staged)).toContain(uri);

    // The app opens the staged job at its review (`new --from` its create request); the rows a
    // user would select from the gcloud view are copied exactly as the terminal shows them. At
    // 120 columns the wizard has a side panel, which the gcloud view drops.
    const request = path.join(dataDir, 'staged-request.json');
    await fs.writeFile(request, JSON.stringify(buildCreateCustomJobRequest(staged)));
    const review = new PtyScreen(
      ['new', '--from', request],
      {VTRAIN_DATA_DIR: dataDir, VTRAIN_SETTINGS: path.join(dataDir, 'settings.json')},
      120,
      50,
    );
    let copied: string;
    try {
      await review.waitFor(/Review[\s\S]*Press enter to submit/, 30_000);
      for (const key of ['v', 'v', 'v']) await review.press(key);
      const shown = await review.waitFor(/\[gcloud command\][\s\S]*--labels=/);
      copied = copiedCommand(shown);
    } finally {
      review.kill();
      await review.exited;
    }
    const rows = copied.split('\n');
    expect(rows[0]).toBe('gcloud ai custom-jobs create \\');
    expect(rows.filter((row) => row.startsWith('    --worker-pool-spec='))).toHaveLength(2);
    // What a shell reads from the rows is the command the app builds for the staged draft.
    expect(bashArgv(copied)).toEqual(gcloudCreateArgv(staged));
    expect(bashArgv(copied)).toContain(`--python-package-uris=${uri}`);

    // The copied text alone goes in the file bash runs; env-init's exports come from the shell
    // that runs it, as in a user's terminal.
    const file = path.join(dataDir, 'copied-command.sh');
    await fs.writeFile(file, `${copied}\n`);
    const cli = `${shellWord(process.execPath)} ${shellWord(BIN)}`;
    const setup = [
      'set -e',
      `eval "$(${cli} emulator env-init --data-dir ${shellWord(dataDir)})"`,
      'exec bash "$0"',
    ].join('\n');
    const result = await bash(['-c', setup, file], gcloud.environment(FAST_ENV));
    expect(result.code, result.output).toBe(0);
    const name = /CustomJob \[(projects\/[^\]]+)\] is submitted successfully/.exec(
      result.output,
    )?.[1];
    expect(name, result.output).toMatch(
      new RegExp(`^projects/${PROJECT}/locations/${REGION}/customJobs/\\d+$`),
    );

    const page = await session.api.jobs.listJobs('custom', {
      parent: `projects/${PROJECT}/locations/${REGION}`,
    });
    expect(page.items.map((job) => job.name)).toContain(name);
    // The app, opened on the same data folder, lists the job on its home screen.
    const app = new PtyScreen([], {VTRAIN_DATA_DIR: dataDir}, 140, 30);
    try {
      const id = (name as string).split('/').pop() as string;
      const listed = await app.waitFor(
        // The ID column may be cut to its tail ("…27019001390") on a narrow screen.
        new RegExp(`${draft.displayName}\\s+\\S*${id.slice(-8)}\\s+custom job`),
        30_000,
      );
      expect(listed).toMatch(/Jobs\s+projects\/local-project\/locations\/us-central1/);
    } finally {
      app.kill();
      await app.exited;
    }

    const shown = await session.api.jobs.getJob('custom', name as string);
    expect(shown.displayName).toBe(draft.displayName);
    expect(shown.labels).toEqual(draft.labels);

    // Same worker pools as the request the app itself would send for this draft.
    type Pool = {
      machineSpec?: {machineType?: string};
      replicaCount?: unknown;
      pythonPackageSpec?: {
        executorImageUri?: string;
        packageUris?: string[];
        pythonModule?: string;
        args?: string[];
      };
    };
    const normalise = (pools: unknown) =>
      (pools as Pool[]).map((pool) => ({
        machineType: pool.machineSpec?.machineType,
        replicaCount: String(pool.replicaCount),
        executorImageUri: pool.pythonPackageSpec?.executorImageUri,
        packageUris: pool.pythonPackageSpec?.packageUris,
        pythonModule: pool.pythonPackageSpec?.pythonModule,
        args: pool.pythonPackageSpec?.args,
      }));
    const expected = buildCreateCustomJobRequest(staged).customJob.jobSpec.workerPoolSpecs;
    const spec = shown.jobSpec as {workerPoolSpecs: unknown};
    expect(normalise(spec.workerPoolSpecs)).toEqual(normalise(expected));

    const finished = await waitFor(
      async () => {
        const job = await session.api.jobs.getJob('custom', name as string);
        return String(job.state).match(/SUCCEEDED|FAILED|CANCELLED/) ? job : undefined;
      },
      90_000,
      'the job created by the review command to finish',
    );
    expect(finished.state, JSON.stringify(finished.error)).toBe('JOB_STATE_SUCCEEDED');
  });
});
