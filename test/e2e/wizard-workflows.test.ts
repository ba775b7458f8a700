// The wizard's other workflows end to end in a real pseudo-terminal at 80×24, against the local
// emulator: a hyperparameter tuning job with three parameters (one default, two added through the
// parameter table's prompt) is created and shows up in the job list as a tuning job; a training
// pipeline on a managed dataset picked from the project's list, with a fraction split and an
// export destination, reaches the emulator with exactly those and the pool specs.
import {readdirSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {Storage} from '@google-cloud/storage';
import {afterEach, describe, expect, it} from 'vitest';
import {liveService} from '../../source/services/backend/local-service.js';
import {previewStagedDraft} from '../../source/services/backend/stage-packages.js';
import {storageClientOptions} from '../../source/emulator/contract/storage-access.js';
import {exampleDraft, fromProtoValue, toProtoValue} from '../../source/core/job-spec/index.js';
import {EXAMPLE_PACKAGE, waitFor} from '../helpers/emulator.js';
import {PtyScreen} from '../helpers/pty-screen.js';
import {typeKeys, WizardTerminals} from '../helpers/wizard-terminals.js';
import {connect, runCli} from '../helpers/service.js';

const PARENT = 'projects/local-project/locations/us-central1';
const TABULAR = 'gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml';

/** Starts the data folder's service and seeds a tabular dataset (CSV in local Cloud Storage)
 * through the official DatasetService client, as a user's project would have one. */
async function seedDataset(dir: string, displayName: string): Promise<string> {
  const started = await runCli(['emulator', 'start', '--data-dir', dir]);
  expect(started.code, started.stderr).toBe(0);
  const info = liveService(dir)!;
  const storage = new Storage(
    storageClientOptions({storagePort: info.storagePort, key: info.key}, 'local-project'),
  );
  await storage.createBucket('data-bucket');
  const rows = Array.from({length: 20}, (_, i) => `${i},${i % 2}`);
  await storage
    .bucket('data-bucket')
    .file('table.csv')
    .save(['x,label', ...rows].join('\n') + '\n');
  const {clients} = await connect(dir);
  try {
    const [operation] = await clients.datasets.createDataset({
      parent: PARENT,
      dataset: {
        displayName,
        metadataSchemaUri: TABULAR,
        metadata: toProtoValue({
          inputConfig: {gcsSource: {uri: ['gs://data-bucket/table.csv']}},
        }) as never,
      },
    });
    const [dataset] = await operation.promise();
    return String(dataset.name).split('/').pop()!;
  } finally {
    await clients.close();
  }
}

const ENTER = '\r';
const DOWN = '\x1b[B';
const UP = '\x1b[A';
const TAB = '\t';
const CTRL_U = '\x15';
const CTRL_C = '\x03';
const ESC = '\x1b';
const SHIFT_TAB = '\x1b[Z';
const terminals = new WizardTerminals('vtrain-e2e-wizard-');
const open = () => terminals.open();
/** Another run of the app on the same data folder and settings. */
const reopen = (dir: string, args: string[] = []) => terminals.reopen(dir, args);

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

const type = (screen: PtyScreen, text: string) => typeKeys(screen, text, 30);

afterEach(() => terminals.closeAll());

describe('wizard workflows at 80×24', () => {
  it('creates a hyperparameter tuning job with three parameters', async () => {
    const {screen, dir} = await open();
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER); // where
    await screen.press(ENTER); // custom training
    await screen.waitFor(/step 3\/9: Workflow|step 3\/8: Workflow/);
    await screen.press(DOWN);
    await screen.press(ENTER); // hyperparameter tuning job
    await screen.waitFor(/step 4\/9: Container/);
    await screen.press(TAB);
    await screen.press(TAB);
    await screen.press(TAB);
    const study = await screen.waitFor(/step 7\/9: Study/);
    expect(study).toMatch(/learning_rate double 0\.0001 0\.1 log/);
    for (const row of ['layers integer 1 4', 'optimizer categorical adam,sgd']) {
      await screen.press('a');
      await screen.waitFor(/New parameter:/);
      await type(screen, row);
      await screen.press(ENTER);
    }
    const table = await screen.waitFor(/optimizer categorical adam,sgd/);
    expect(table).toMatch(/layers integer 1 4/);
    expect(table).toMatch(/--learning_rate=0\.0001 --layers=1 --optimizer=adam/);
    // Fewer trials: up from "Continue" past the three rows and the table header to "Trials".
    for (let i = 0; i < 5; i++) await screen.press(UP);
    await screen.waitFor(/❯ Trials/);
    await screen.press(ENTER);
    await screen.press(CTRL_U);
    await type(screen, '2/2/0');
    await screen.press(ENTER);
    await screen.waitFor(/Trials\s+2\/2\/0/);
    await screen.press(TAB); // options
    await screen.press(TAB); // review
    const review = await screen.waitFor(/step 9\/9: Review[\s\S]*Press enter to submit/);
    expect(review).toMatch(/Study\s+3 parameters · 2 trials/);
    await screen.press('v');
    await screen.waitFor(/\[Request JSON\]/);
    expect(screen.screen().replaceAll('\n', '')).toMatch(
      /locations\/us-central1\/hyperparameterTuningJobs/,
    );
    await screen.press(ENTER); // submit
    // A tuning job has no dashboard yet: the wizard returns to the job list, which shows it.
    await screen.waitFor(/^Jobs\s+projects\/local-project/m, 30_000);
    await screen.waitFor(/example-linea\S*\s+\S+\s+tuning job/, 30_000);
    const {clients} = await connect(dir);
    try {
      const [jobs] = await clients.jobs.listHyperparameterTuningJobs({
        parent: 'projects/local-project/locations/us-central1',
      });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]?.studySpec?.parameters?.map((p) => p.parameterId)).toEqual([
        'learning_rate',
        'layers',
        'optimizer',
      ]);
      expect(jobs[0]?.maxTrialCount).toBe(2);
      expect(jobs[0]?.labels?.vtrain_request_id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await clients.close();
    }
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    expect(screen.text()).not.toMatch(/Error:|at .*\.js:\d+/);
  });

  it('creates a training pipeline on a managed dataset picked from the list', async () => {
    const {screen, dir} = await open();
    const datasetId = await seedDataset(dir, 'churn table');
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER); // where
    await screen.press(ENTER); // custom training
    await screen.waitFor(/step 3\/\d: Workflow/);
    await screen.press(DOWN);
    await screen.press(DOWN);
    await screen.press(ENTER); // training pipeline
    await screen.waitFor(/step 4\/9: Dataset/);
    for (let i = 0; i < 6; i++) await screen.press(UP);
    await screen.waitFor(/❯ Dataset\s+none/);
    await screen.press('+'); // a managed dataset
    await screen.waitFor(/Managed dataset/, 30_000); // the list has loaded
    await screen.press(DOWN);
    await screen.press(ENTER); // open the picker
    await screen.waitFor(new RegExp(`churn table · tabular · ${datasetId}`));
    await type(screen, 'churn');
    await screen.press(ENTER);
    await screen.waitFor(new RegExp(`Managed dataset\\s+churn table · tabular · ${datasetId}`));
    await screen.press(DOWN); // split
    await screen.press('+'); // fractions
    await screen.waitFor(/Fractions\s+0\.8\/0\.1\/0\.1/);
    await screen.press(DOWN);
    await screen.press(ENTER);
    await screen.press(CTRL_U);
    await type(screen, '0.7/0.2/0.1');
    await screen.press(ENTER);
    await screen.waitFor(/Fractions\s+0\.7\/0\.2\/0\.1/);
    await screen.press(DOWN); // export destination
    await screen.press(ENTER);
    await type(screen, 'gs://data-bucket/exports/');
    await screen.press(ENTER);
    await screen.waitFor(/Export to\s+gs:\/\/data-bucket\/exports\//);
    for (let i = 0; i < 5; i++) await screen.press(TAB); // container, compute, pools, options
    const review = await screen.waitFor(/step 9\/9: Review[\s\S]*Press enter to submit/, 30_000);
    expect(review).toMatch(new RegExp(`Dataset\\s+dataset ${datasetId}`));
    await screen.press(ENTER); // submit
    await screen.waitFor(/^Jobs\s+projects\/local-project/m, 60_000);
    const {clients} = await connect(dir);
    try {
      const [pipelines] = await clients.pipelines.listTrainingPipelines({parent: PARENT});
      expect(pipelines).toHaveLength(1);
      const pipeline = pipelines[0]!;
      const config = pipeline.inputDataConfig!;
      expect(config.datasetId).toBe(datasetId);
      expect(config.fractionSplit).toMatchObject({
        trainingFraction: 0.7,
        validationFraction: 0.2,
        testFraction: 0.1,
      });
      expect(config.gcsDestination?.outputUriPrefix).toBe('gs://data-bucket/exports/');
      const inputs = fromProtoValue(pipeline.trainingTaskInputs as never) as {
        workerPoolSpecs: {
          replicaCount: string | number;
          machineSpec: {machineType: string};
          pythonPackageSpec: {packageUris: string[]; pythonModule: string};
        }[];
      };
      expect(inputs.workerPoolSpecs.map((p) => [Number(p.replicaCount), p.machineSpec])).toEqual([
        [1, {machineType: 'n1-standard-4'}],
        [2, {machineType: 'n1-standard-4'}],
      ]);
      // The package is the one the review named: the folder's content-hashed staged name.
      const expected = await previewStagedDraft(
        exampleDraft({
          project: 'local-project',
          region: 'us-central1',
          packagePath: EXAMPLE_PACKAGE,
          stagingBucket: 'vtrain-local-staging',
        }),
      );
      const uri = (expected.workerPools[0]!.task as {packageUris: string[]}).packageUris[0];
      for (const spec of inputs.workerPoolSpecs) {
        expect(spec.pythonPackageSpec.packageUris).toEqual([uri]);
        expect(spec.pythonPackageSpec.pythonModule).toBe('trainer.task');
      }
      expect(pipeline.labels?.vtrain_request_id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await clients.close();
    }
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    expect(screen.text()).not.toMatch(/Error:|at .*\.js:\d+/);
  });

  it('sends an AutoML tabular request the emulator receives intact and refuses in plain words; nothing is lost', async () => {
    const {screen, dir} = await open();
    const datasetId = await seedDataset(dir, 'churn table');
    await screen.waitFor(/local emulator ready/, 30_000);
    await screen.press(ENTER); // where
    await screen.waitFor(/step 2\/\d: Training type/);
    await screen.press(DOWN);
    await screen.press(ENTER); // AutoML
    await screen.waitFor(/step 3\/7: Workflow/);
    await screen.press(ENTER); // training pipeline (the only one AutoML offers)
    await screen.waitFor(/step 4\/7: Dataset/);
    await screen.waitFor(/Managed dataset/, 30_000);
    for (let i = 0; i < 6; i++) await screen.press(UP);
    await screen.press(DOWN); // the picker
    await screen.waitFor(/❯ Managed dataset/);
    await screen.press(ENTER);
    await type(screen, 'churn');
    await screen.press(ENTER);
    await screen.waitFor(new RegExp(`Managed dataset\\s+churn table · tabular · ${datasetId}`));
    await screen.press(TAB);
    await screen.waitFor(/step 5\/7: AutoML/);
    for (let i = 0; i < 8; i++) await screen.press(UP);
    await screen.press(DOWN);
    await screen.waitFor(/❯ Target column/);
    await screen.press(ENTER);
    await type(screen, 'label');
    await screen.press(ENTER);
    await screen.waitFor(/Target column\s+label/);
    await screen.press(TAB); // options
    await screen.press(TAB); // review
    await screen.waitFor(/step 7\/7: Review[\s\S]*Press enter to submit/, 30_000);
    await screen.press(ENTER); // submit
    const refused = await screen.waitFor(/Submit failed/, 60_000);
    const said = refused.replace(/\n/g, ' ').replace(/\s+/g, ' ');
    expect(said).toMatch(/received this AutoML pipeline and found no problem in it/);
    expect(said).toMatch(/only Vertex AI does → submit it to Vertex AI/);
    expect(said).toMatch(/every edit is kept/);
    expect(said).not.toMatch(/at .*\.js:\d+|FAILED_PRECONDITION/);

    // What the emulator received, kept as it arrived: the fields the wizard set, intact.
    const folder = path.join(dir, 'emulator', 'refused');
    const first = await readRefused(folder);
    expect(first).toHaveLength(1);
    const request = first[0]!;
    expect(request.parent).toBe(PARENT);
    const pipeline = request.trainingPipeline;
    expect(pipeline.trainingTaskDefinition).toBe(
      'gs://google-cloud-aiplatform/schema/trainingjob/definition/automl_tabular_1.0.0.yaml',
    );
    expect(taskInputs(pipeline)).toMatchObject({
      targetColumn: 'label',
      predictionType: 'classification',
      trainBudgetMilliNodeHours: 1000,
    });
    expect(pipeline.inputDataConfig.datasetId).toBe(datasetId);
    expect(pipeline.labels.vtrain_request_id).toMatch(/^[0-9a-f-]{36}$/);
    const {clients} = await connect(dir);
    try {
      const [pipelines] = await clients.pipelines.listTrainingPipelines({parent: PARENT});
      expect(pipelines).toHaveLength(0); // refused: nothing was created
    } finally {
      await clients.close();
    }

    // Back to the AutoML step: every value is still there; change the budget and submit again.
    await screen.press(ESC); // options
    await screen.waitFor(/step 6\/7: Options/);
    await screen.press(SHIFT_TAB);
    await screen.waitFor(/step 5\/7: AutoML[\s\S]*Target column\s+label/);
    for (let i = 0; i < 8; i++) await screen.press(UP);
    for (let i = 0; i < 8 && !/❯ Budget/.test(screen.screen()); i++) await screen.press(DOWN);
    await screen.waitFor(/❯ Budget\s+1000/);
    await screen.press(ENTER);
    await screen.press(CTRL_U);
    await type(screen, '2000');
    await screen.press(ENTER);
    await screen.waitFor(/Budget\s+2000/);
    await screen.press(TAB);
    await screen.press(TAB);
    const again = await screen.waitFor(/step 7\/7: Review[\s\S]*Press enter to submit/, 30_000);
    expect(again).toMatch(new RegExp(`Dataset\\s+dataset ${datasetId}`));
    await screen.press(ENTER);
    await screen.waitFor(/Submit failed/, 60_000);
    const second = await readRefused(folder);
    expect(second).toHaveLength(2);
    expect(taskInputs(second[1]!.trainingPipeline)).toMatchObject({
      targetColumn: 'label',
      trainBudgetMilliNodeHours: 2000,
    });
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });

  it('submits to the project chosen in the Where step: the app reopens there and the job list follows', async () => {
    const {screen, dir} = await open();
    await screen.waitFor(/local emulator ready/, 30_000);
    for (let i = 0; i < 3; i++) await screen.press(UP);
    await screen.waitFor(/❯ Project\s+local-project/);
    await screen.press(ENTER);
    await screen.press(CTRL_U);
    await type(screen, 'other-project');
    await screen.press(ENTER);
    const where = await screen.waitFor(/Project\s+other-project/);
    expect(where.replace(/\n\s*/g, ' ')).toMatch(
      /submit reopens the app on local emulator · other-project · us-central1/,
    );
    for (let i = 0; i < 7; i++) await screen.press(TAB);
    await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/, 30_000);
    await screen.press(ENTER);
    // The dashboard of the new job, on the reopened session.
    await screen.waitFor(/customJobs\/\d+/, 60_000);
    const {clients} = await connect(dir);
    try {
      const [jobs] = await clients.jobs.listCustomJobs({
        parent: 'projects/other-project/locations/us-central1',
      });
      expect(jobs).toHaveLength(1);
      const [old] = await clients.jobs.listCustomJobs({parent: PARENT});
      expect(old).toHaveLength(0);
    } finally {
      await clients.close();
    }
    await screen.press('q');
    await screen.waitFor(/^Jobs\s+projects\/other-project\/locations\/us-central1/m, 30_000);
    await screen.waitFor(/example-linea/, 30_000);
    // The replaced session's API worker thread ends after its grace period (10 s), instead of
    // living until the app exits: the app's thread count drops (libuv's pool threads never do).
    const threads = () => readdirSync(`/proc/${screen.pty.pid}/task`).length;
    const withBoth = threads();
    await waitFor(async () => (threads() < withBoth ? true : undefined), 30_000, 'old worker');
    await screen.press('r');
    await screen.waitFor(/example-linea/, 30_000);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });

  it('saves a preset, reopens it with new --preset, and starts the next new job from the last submitted one', async () => {
    const {screen, dir} = await open();
    await screen.waitFor(/local emulator ready/, 30_000);
    for (let i = 0; i < 6; i++) await screen.press(TAB);
    await screen.waitFor(/step 7\/8: Options/);
    // Up from Continue to the first field, however many fields the Options step has.
    for (let i = 0; i < 20 && !/❯ Display name/.test(screen.screen()); i++) await screen.press(UP);
    await screen.waitFor(/❯ Display name/);
    await screen.press(ENTER);
    await screen.press(CTRL_U);
    await type(screen, 'preset-run');
    await screen.press(ENTER);
    await screen.waitFor(/Display name\s+preset-run/);
    await screen.press(TAB);
    const review = await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/, 30_000);
    expect(review).toMatch(/Values from the example job/);
    await screen.press('s');
    await screen.waitFor(/Preset name:/);
    await screen.press(ENTER);
    const presetFile = path.join(dir, 'presets', 'preset-run.json');
    for (let i = 0; i < 100 && !(await exists(presetFile)); i++) await screen.press('', 100);
    expect(await exists(presetFile)).toBe(true);
    await screen.waitFor(/saved preset .*preset-run\.json/); // said, even at 80 columns
    await screen.press(ENTER); // submit
    await screen.waitFor(/customJobs\/\d+/, 60_000);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
    const last = JSON.parse(await fs.readFile(path.join(dir, 'last-submitted.json'), 'utf8'));
    expect(last.draft.displayName).toBe('preset-run');
    expect(JSON.stringify(last)).not.toContain('vtrain_request_id');

    const fromPreset = reopen(dir, ['new', '--preset', 'preset-run']);
    const opened = await fromPreset.waitFor(/Review[\s\S]*Values from preset preset-run/, 30_000);
    expect(opened).toMatch(/Press enter to submit/);
    await fromPreset.press(CTRL_C);
    expect(await fromPreset.exited).toBe(0);

    const missing = reopen(dir, ['new', '--preset', 'nope']);
    expect(await missing.exited).toBe(3);
    expect(missing.text()).toMatch(/no preset "nope".*saved presets: preset-run/s);

    const next = reopen(dir);
    await next.waitFor(/^Jobs\s+projects\/local-project/m, 30_000);
    await next.waitFor(/local emulator ready/, 30_000);
    await next.press('n');
    await next.waitFor(/step 1\/8: Where/);
    for (let i = 0; i < 7; i++) await next.press(TAB);
    const again = await next.waitFor(/step 8\/8: Review/, 30_000);
    expect(again.replace(/\n/g, ' ')).toMatch(/Values from the last submitted job/);
    await next.press(CTRL_C);
    expect(await next.exited).toBe(0);
  });

  it('explains a backend that cannot be opened at submit, and submits after switching back', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vtrain-e2e-wizard-'));
    // No credentials anywhere: a fresh HOME and gcloud folder, no metadata server probe.
    const screen = new PtyScreen(
      [],
      {
        VTRAIN_DATA_DIR: dir,
        VTRAIN_SETTINGS: path.join(dir, 'settings.json'),
        HOME: dir,
        CLOUDSDK_CONFIG: path.join(dir, 'gcloud'),
        GOOGLE_APPLICATION_CREDENTIALS: '',
        METADATA_SERVER_DETECTION: 'none',
      },
      80,
      24,
    );
    terminals.track(screen, dir);
    await screen.waitFor(/local emulator ready/, 30_000);
    for (let i = 0; i < 4; i++) await screen.press(UP);
    await screen.waitFor(/❯ Backend\s+local emulator/);
    await screen.press('+');
    await screen.waitFor(/Backend\s+Vertex AI/);
    for (let i = 0; i < 7; i++) await screen.press(TAB);
    await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/, 30_000);
    await screen.press(ENTER);
    const failed = await screen.waitFor(/Submit failed/, 30_000);
    const said = failed.replace(/\n/g, ' ').replace(/\s+/g, ' ');
    expect(said).toMatch(/could not open Vertex AI · local-project · us-central1: /);
    expect(said).toMatch(/gcloud auth application-default login/);
    expect(said).toMatch(/change the backend, project or region in the Where step/);
    expect(said).not.toMatch(/at .*\.js:\d+/);
    // Back to the Where step: the choice is still there; switch back and submit locally.
    await screen.press('o'); // the selected step: Where
    await screen.waitFor(/step 1\/8: Where[\s\S]*Backend\s+Vertex AI/);
    for (let i = 0; i < 4; i++) await screen.press(UP);
    await screen.press('-');
    await screen.waitFor(/Backend\s+local emulator/);
    for (let i = 0; i < 7; i++) await screen.press(TAB);
    await screen.waitFor(/step 8\/8: Review[\s\S]*Press enter to submit/, 30_000);
    await screen.press(ENTER);
    await screen.waitFor(/customJobs\/\d+/, 60_000);
    await screen.press(CTRL_C);
    expect(await screen.exited).toBe(0);
  });
});

interface RefusedRequest {
  parent: string;
  trainingPipeline: {
    trainingTaskDefinition: string;
    trainingTaskInputs: unknown;
    inputDataConfig: {datasetId: string};
    labels: Record<string, string>;
  };
}

async function readRefused(folder: string): Promise<RefusedRequest[]> {
  const files = (await fs.readdir(folder).catch(() => [])).sort();
  return Promise.all(
    files.map(async (file) => JSON.parse(await fs.readFile(path.join(folder, file), 'utf8'))),
  );
}

/** The task inputs as JSON, whether they arrived as a google.protobuf.Value or plain. */
function taskInputs(pipeline: RefusedRequest['trainingPipeline']): Record<string, unknown> {
  const inputs = pipeline.trainingTaskInputs as Record<string, unknown>;
  return (
    'structValue' in inputs || 'kind' in inputs ? fromProtoValue(inputs as never) : inputs
  ) as Record<string, unknown>;
}
