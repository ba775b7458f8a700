// The review at 80×24 (the 22 rows the shell leaves a screen): long problems wrap instead of
// being cut, several problems still leave the steps visible, and "… N more" says what is left.
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {
  exampleDraft,
  gcloudCreateArgv,
  validateDraft,
  type JobDraft,
} from '../../source/core/job-spec/index.js';
import {previewStagedDraft} from '../../source/services/backend/stage-packages.js';
import {fitProblems, problemRows, reviewRows} from '../../source/ui/screens/wizard/review-text.js';
import {fitWindow} from '../../source/ui/screens/wizard/FormStep.js';
import {fitBreadcrumb} from '../../source/ui/screens/wizard/wizard-layout.js';
import {bashArgv, copiedCommand} from '../helpers/shell-argv.js';
import {renderWizard, renderWizardAt80, tick} from '../helpers/wizard-harness.js';

const example = exampleDraft({
  project: 'my-project',
  region: 'us-central1',
  packagePath: '/pkg',
  stagingBucket: 'bucket-b',
  now: new Date('2026-12-01T10:00:00Z'),
});

/** A draft with one problem whose message and fix together run over two 80-column rows. */
const longProblem: JobDraft = {
  ...example,
  network: 'my-network-that-is-not-a-resource-name',
};
/** Several problems: more than half the rows can hold. */
const manyProblems: JobDraft = {...longProblem, displayName: '', serviceAccount: 'not-an-email'};

async function review(draft: JobDraft, previewPackages?: (draft: JobDraft) => Promise<JobDraft>) {
  const app = renderWizardAt80({
    initialDraft: draft,
    initialStep: -1,
    ...(previewPackages && {previewPackages}),
  });
  await tick(80);
  return app;
}

describe('review at 80 columns', () => {
  it('wraps every shown problem in full: message and fix, no cut', async () => {
    const app = await review(longProblem);
    const frame = app.lastFrame() ?? '';
    const joined = frame.replace(/\n\s*/g, ' ');
    const problems = validateDraft(longProblem).filter((p) => p.path === 'network');
    expect(problems).toHaveLength(1);
    // The whole message and fix are on screen (joined back from their rows).
    expect(joined).toContain(problems[0]!.message.replace(/\s+/g, ' '));
    expect(joined).toContain(problems[0]!.fix);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame).not.toMatch(/…\s*$/m); // nothing ends in a truncation mark
    // The breadcrumb fits too, with the current step in it.
    expect(frame.split('\n')[1]).toMatch(/\[Review\]/);
    app.unmount();
  });

  it('fits the breadcrumb around the current step', () => {
    const parts = [
      'Where',
      'Training type',
      'Workflow',
      '[Container]',
      'Compute',
      'Worker pools',
      'Options ✖3',
      'Review',
    ];
    const line = fitBreadcrumb(parts, 3, 50);
    expect(line.length).toBeLessThanOrEqual(50);
    expect(line).toContain('[Container]');
    expect(line).toMatch(/…/);
    expect(fitBreadcrumb(parts, 3, 200)).toBe(parts.join(' › '));
  });

  it('keeps steps on screen and counts what did not fit', async () => {
    const app = await review(manyProblems);
    const frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/Options\s+/); // every step still listed
    expect(frame).toMatch(/… \d+ more \(e goes to each in turn\)/);
    app.unmount();
    const problems = validateDraft(manyProblems);
    const rows = problems.map((p) => problemRows(p, 80).length);
    expect(Math.max(...rows)).toBeGreaterThan(1);
    const fitted = fitProblems(problems, 80, 4);
    const used = fitted.reduce((sum, p) => sum + p.rows.length, 0);
    expect(used).toBeLessThanOrEqual(4);
    expect(fitted.length).toBeLessThan(problems.length);
    for (const {rows: lines} of fitted)
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('shows a problem wider than the whole room in full rather than cutting it', () => {
    const [first] = validateDraft(longProblem);
    const fitted = fitProblems([first!], 30, 1);
    expect(fitted).toHaveLength(1);
    expect(fitted[0]!.rows.join(' ').replace(/\s+/g, ' ')).toContain(first!.fix);
  });
});

describe('review shows the staged package name before submit', () => {
  const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/distributed-linear');
  const draft = exampleDraft({
    project: 'my-project',
    region: 'us-central1',
    packagePath: EXAMPLE,
    stagingBucket: 'bucket-b',
  });

  it('puts the content-hashed name in the request and the gcloud command', async () => {
    const expected = await previewStagedDraft(draft);
    const uri = (expected.workerPools[0]!.task as {packageUris: string[]}).packageUris[0]!;
    expect(uri).toMatch(
      /^gs:\/\/bucket-b\/vtrain-packages\/distributed-linear-[0-9a-f]{12}\.tar\.gz$/,
    );
    const app = await review(draft, previewStagedDraft);
    const frame = () => app.lastFrame() ?? '';
    for (let i = 0; i < 100 && (/hashing/.test(frame()) || !/Press enter/.test(frame())); i++)
      await tick(50);
    expect(frame()).not.toMatch(/hashing/);
    app.stdin.write('v'); // request JSON, read page by page
    await tick();
    let request = frame();
    for (let page = 0; page < 6; page++) {
      app.stdin.write('\u001B[6~');
      await tick();
      request += frame();
    }
    // A wrapped value continues on the next row under its indentation: join it back.
    const joined = request.replace(/\n */g, '');
    expect(joined).toContain(uri);
    expect(joined).not.toContain('trainer-0.1.0');
    app.stdin.write('v');
    await tick();
    app.stdin.write('v'); // gcloud
    for (let i = 0; i < 40 && !/\[gcloud command\]/.test(frame()); i++) await tick(50);
    // The command from its first row, the screen's rows as they are (22 rows hold a page).
    const rows = reviewRows(expected, 'gcloud', 79);
    const body = frame().split('\n');
    const top = body.indexOf(rows[0]!);
    expect(top).toBeGreaterThan(0);
    expect(body.slice(top, top + 8)).toEqual(rows.slice(0, 8));
    expect(bashArgv(copiedCommand(rows.join('\n')))).toContain(`--python-package-uris=${uri}`);
    expect(frame()).toMatch(/w writes the command as a script/);
    app.unmount();
  });

  it('at 80 columns, the rows a user copies off the screen are the command, flag by flag', async () => {
    const expected = await previewStagedDraft(draft);
    // A screen tall enough for the whole command (at 22 rows it scrolls; w writes it instead).
    const app = renderWizardAt80({
      initialDraft: draft,
      initialStep: -1,
      previewPackages: previewStagedDraft,
      height: 40,
    });
    await app.waitFor(/Press enter to submit/);
    await app.press('v', 'v', 'v');
    await app.waitFor(/\[gcloud command\]/);
    const frame = app.frame();
    for (const row of frame.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
    const copied = copiedCommand(frame);
    const rows = copied.split('\n');
    expect(rows[0]).toBe('gcloud ai custom-jobs create \\');
    // Each flag starts an indented row; a row at the left edge continues a word after a comma.
    const flags = rows.filter((row) => row.startsWith('    --'));
    expect(flags).toHaveLength(gcloudCreateArgv(expected).filter((w) => w.startsWith('--')).length);
    const continued = rows.filter((row, i) => i > 0 && !row.startsWith(' '));
    expect(continued.length).toBeGreaterThan(0);
    // One blank row, then the notes as comments (harmless if selected with the command).
    const body = frame.split('\n');
    const after = body.indexOf(rows.at(-1)!) + 1;
    expect(body[after]).toBe('');
    expect(body[after + 1]).toMatch(/^# A row at the left edge continues the word above it/);
    // What the shell reads from them is exactly the command the app would give gcloud.
    expect(bashArgv(copied)).toEqual(gcloudCreateArgv(expected));
    app.unmount();
  });

  it('writes the command shown (staged names) as a script from the gcloud view', async () => {
    const expected = await previewStagedDraft(draft);
    const onWrite = vi.fn();
    const app = renderWizardAt80({
      initialDraft: draft,
      initialStep: -1,
      previewPackages: previewStagedDraft,
      onWrite,
    });
    await app.waitFor(/Press enter to submit · w writes the config file/);
    await app.press('w');
    expect(onWrite).toHaveBeenLastCalledWith(draft, 'config');
    await app.press('v', 'v', 'v', 'w');
    expect(onWrite).toHaveBeenLastCalledWith(expected, 'command');
    app.unmount();
  });

  it('on a wide screen, drops the side panel, so whole rows copied from the terminal hold only the command', async () => {
    const app = renderWizard({initialDraft: example, initialStep: -1}, {width: 140, height: 40});
    await tick(80);
    // The side panel lists the steps beside the summary (`❯ Review` is its current step).
    expect(app.frame()).toMatch(/\S.*❯ Review/);
    await app.press('v', 'v', 'v');
    expect(app.frame()).toMatch(/\[gcloud command\]/);
    expect(app.frame()).not.toMatch(/❯ Review/);
    const copied = copiedCommand(app.frame());
    expect(bashArgv(copied)).toEqual(gcloudCreateArgv(example));
    app.unmount();
  });

  it('says when the folder cannot be staged, with where to fix it', async () => {
    const missing = {
      ...draft,
      workerPools: draft.workerPools.map(
        (p) => p && {...p, task: {...p.task, localPackagePath: '/nowhere/pkg'}},
      ),
    } as JobDraft;
    const app = await review(missing, previewStagedDraft);
    for (let i = 0; i < 40 && !/cannot be staged/.test(app.lastFrame() ?? ''); i++) await tick(50);
    expect((app.lastFrame() ?? '').replace(/\n/g, ' ')).toMatch(
      /package folder cannot be staged: .*does not exist.*→ fix it in the container step/,
    );
    app.unmount();
  });
});

describe('a form taller than the screen', () => {
  it('shows a window around the focused field, with what is above and below, and Continue', async () => {
    // A bucket name that breaks the URI rule adds a long error under the package field.
    const crowded = exampleDraft({
      project: 'my-project',
      region: 'us-central1',
      packagePath: '/pkg',
      stagingBucket: 'b',
      now: new Date('2026-12-01T10:00:00Z'),
    });
    const app = renderWizardAt80({
      // On Vertex AI, where the expired image's warning and the catalog's note are said too.
      initialDraft: {...crowded, backend: 'vertex'},
      initialPlace: {step: 'container', field: 'env', pool: 0},
    });
    await tick(120);
    const frame = app.lastFrame() ?? '';
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
    expect(frame).toMatch(/❯ Environment/);
    expect(frame).toMatch(/Continue →/);
    expect(frame).toMatch(/↑ \d+ more above/);
    app.unmount();
  });

  it('fitWindow keeps the focus, grows down then up, and leaves room for the markers', () => {
    expect(fitWindow([1, 1, 1], 0, 10)).toEqual({first: 0, last: 2});
    const rows = [1, 4, 1, 5, 1, 1];
    for (let at = 0; at <= rows.length; at++) {
      const {first, last} = fitWindow(rows, at, 8);
      const focus = Math.min(at, rows.length - 1);
      expect(first).toBeLessThanOrEqual(focus);
      expect(last).toBeGreaterThanOrEqual(focus);
      const used = rows.slice(first, last + 1).reduce((a, b) => a + b, 0);
      // Continue and the two "more" rows take 3 of the 8; a field taller than that shows alone.
      if ((rows[focus] ?? 0) <= 5) expect(used).toBeLessThanOrEqual(5);
      else expect([first, last]).toEqual([focus, focus]);
    }
  });
});
