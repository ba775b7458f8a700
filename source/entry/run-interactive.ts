// The interactive app's start from the command line: checks that this is a terminal big enough
// and that the local emulator's Python exists, resolves the backend, then hands over to the UI.
// Shared by the bare command and `new --from FILE`, which opens the wizard on a file's job.
import type {CommonOptions} from './args.js';
import {findExecutable} from './environment.js';
import {fail} from './fail.js';
import type {JobDraft} from '../core/job-spec/draft.js';

/** A draft to open the wizard on instead of the example (`new --from FILE`), at the review. */
export interface InitialDraft {
  draft: JobDraft;
  /** Where it came from ("the file job.yaml", "preset gpu"), said in the review. */
  origin?: string;
}

export async function runInteractive(
  options: CommonOptions,
  resolved: {dataDir: string; python: string; binScript: string},
  initial?: InitialDraft,
): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return fail(
      'the interactive app needs a terminal (stdin and stdout must be a TTY). From scripts, use `vtrain-tui validate --config FILE` or `vtrain-tui submit --config FILE`, or run the emulator with `vtrain-tui emulator serve`.',
      2,
    );
  }
  // The app's code and the job list's (on every start's stack) load while the backend resolves.
  const app = import('../ui/app/start.js').then(async (module) => {
    await module.loadScreens(['jobs']);
    return module;
  });
  // Awaited below; a start that fails first (flags, terminal size, python) must not leave it
  // rejected and unobserved.
  app.catch(() => undefined);
  const [{resolveRun}, {BackendFlagError}] = await Promise.all([
    import('../services/backend/open-session.js'),
    import('../services/backend/resolve-backend.js'),
  ]);
  let run;
  try {
    run = await resolveRun({
      ...(options.backend && {backend: options.backend}),
      ...(options.project && {project: options.project}),
      ...(options.region && {region: options.region}),
      ...(options.stagingBucket && {stagingBucket: options.stagingBucket}),
    });
  } catch (error) {
    if (error instanceof BackendFlagError) return fail(error.message, 2);
    throw error;
  }
  const vertex = run.resolved.backend.value === 'vertex';
  const columns = process.stdout.columns ?? 0;
  const rows = process.stdout.rows ?? 0;
  if (columns < 80 || rows < 24) {
    return fail(
      `this terminal is ${columns}×${rows}; vtrain-tui needs at least 80×24. Enlarge the window and run it again.`,
      2,
    );
  }
  // Only the local emulator runs training code on this machine.
  if (!vertex && !findExecutable(resolved.python)) {
    return fail(
      `the local emulator runs training code with "${resolved.python}", which was not found on PATH. Install Python 3 (e.g. apt-get install python3) or point --python / VTRAIN_PYTHON at an interpreter.`,
      3,
    );
  }
  const {startInteractive} = await app;
  await startInteractive({
    ...run.choice,
    // The resolution's remarks (a region outside the built-in list, …) are shown too.
    warnings: [...run.warnings, ...run.resolved.notes],
    onOpened: run.remember,
    dataDir: resolved.dataDir,
    python: resolved.python,
    binScript: resolved.binScript,
    readOnly: options.readOnly ?? false,
    ...(initial && {initialDraft: initial.draft}),
    ...(initial?.origin && {initialOrigin: initial.origin}),
  });
}
