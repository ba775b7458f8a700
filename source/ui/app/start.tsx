// Mounts the Ink app in the alternate screen and wires it to the exit owner and the backend.
import path from 'node:path';
import {render} from 'ink';
import React from 'react';
import {hasLocalJobs} from '../../services/backend/has-local-jobs.js';
import {startingStatusLabel} from '../../services/backend/status-label.js';
import {
  openSession as openBackend,
  type BackendChoice,
} from '../../services/backend/open-session.js';
import type {JobDraft} from '../../core/job-spec/index.js';
// Its own file, not the job-spec index (which holds the validation, the builders and the YAML
// reader and writer): the first frame loads only the parts it draws (issue #22).
import {exampleDraft} from '../../core/job-spec/example-draft.js';
import {settingsFile} from '../../core/settings/settings-file.js';
import {readKeyOverrides} from '../../core/settings/key-settings.js';
import {readEndNotice} from '../../core/settings/end-notice-settings.js';
import {createEndNotifier, EndNoticeContext} from '../shell/end-notice.js';
import type {Session} from '../../services/backend/session.js';
import {jobListCacheAccess} from '../../services/jobs/job-list-cache.js';
import {loadLastSubmitted, saveLastSubmitted} from '../screens/wizard/prefill.js';
import {App} from './App.js';
import {loadScreens} from './screens.js';

export {loadScreens};
import type {BackendTarget, WhereSources} from '../shell/session-context.js';
import {ExitOwner} from './exit-owner.js';
import {terminalHandoff, TerminalHandoffContext} from '../shell/terminal-handoff.js';
import {applyKeyOverrides} from '../shell/keys/key-overrides.js';
import {KeymapContext} from '../shell/keys/key-dispatcher.js';
import {startMemoryTrace} from '../../core/diagnostics/memory-trace.js';

export interface InteractiveOptions extends BackendChoice {
  readOnly: boolean;
  /** Settings problems to show (a reset settings file, ignored fields). */
  warnings?: string[];
  /** Called once the backend opened (records it as the last one used). */
  onOpened?: () => Promise<void> | void;
  /** Opens the wizard's review on this draft (`new --from FILE`) instead of the example. */
  initialDraft?: JobDraft;
  /** Where initialDraft came from ("file job.yaml", "preset gpu"), said in the review. */
  initialOrigin?: string;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';

export async function startInteractive(options: InteractiveOptions): Promise<void> {
  startMemoryTrace('ui');
  const exitOwner = new ExitOwner();
  exitOwner.installSignalHandlers();
  const examplePath = path.resolve(
    path.dirname(options.binScript),
    '..',
    'examples',
    'distributed-linear',
  );
  const lastSubmitted = options.initialDraft ? undefined : loadLastSubmitted(options.dataDir);
  const origin =
    options.initialOrigin ??
    (options.initialDraft ? undefined : (lastSubmitted?.origin ?? 'the example job'));
  const draft =
    options.initialDraft ??
    lastSubmitted?.draft ??
    exampleDraft({
      project: options.project,
      region: options.region,
      packagePath: examplePath,
      stagingBucket:
        options.resolved?.stagingBucket?.value ??
        (options.resolved?.backend.value === 'vertex'
          ? `${options.project}-vtrain-staging`
          : 'vtrain-local-staging'),
    });
  // The keymap of this run: the defaults with the user's overrides; every key layer reads it.
  const keys = applyKeyOverrides(readKeyOverrides(settingsFile()));
  // The opt-in "a job you opened has ended" notice (bell / desktop notification).
  const endNotice = readEndNotice(settingsFile());
  const endNotifier = createEndNotifier(endNotice.kind, (bytes) => {
    if (!exitOwner.isExiting) process.stdout.write(bytes);
  });
  const openSession = async (): Promise<Session> => {
    if (exitOwner.isExiting) throw new Error('vtrain-tui is leaving');
    const session = await openBackend(options);
    void options.onOpened?.();
    return session;
  };
  const loadCatalog = async () => {
    const [{loadCatalog: load}, {settingsFile: file}] = await Promise.all([
      import('../../core/settings/catalog-overrides.js'),
      import('../../core/settings/settings-file.js'),
    ]);
    return load(file());
  };
  const onSession = (session: Session) => exitOwner.adopt(session);
  // The wizard's Where step: the same resolution and openSession as at start, for its choice.
  const reopenSession = async (target: BackendTarget): Promise<Session> => {
    if (exitOwner.isExiting) throw new Error('vtrain-tui is leaving');
    const {resolveRun} = await import('../../services/backend/open-session.js');
    const run = await resolveRun({
      backend: target.backend,
      project: target.project,
      region: target.region,
      ...(target.stagingBucket && {stagingBucket: target.stagingBucket}),
    });
    const [problem] = run.resolved.problems;
    if (problem && target.backend === 'vertex') throw new Error(problem);
    return openBackend({...options, ...run.choice});
  };
  const resolved = options.resolved;
  const whereSources: WhereSources = resolved
    ? {
        backend: {value: resolved.backend.value, source: resolved.backend.source},
        ...(resolved.project && {
          project: {value: resolved.project.value, source: resolved.project.source},
        }),
        region: {value: resolved.region.value, source: resolved.region.source},
        ...(resolved.stagingBucket && {
          stagingBucket: {
            value: resolved.stagingBucket.value.replace(/^gs:\/\//, '').replace(/\/.*$/, ''),
            source: resolved.stagingBucket.source,
          },
        }),
      }
    : {};
  const onExit = (code: number, message?: string) => void exitOwner.exit(code, message);
  const home =
    !options.initialDraft &&
    (options.resolved?.backend.value === 'vertex' || hasLocalJobs(options.dataDir))
      ? 'jobs'
      : 'wizard';
  // The job list is always on the stack (under the wizard on a first run); the other screens'
  // code loads when they are opened.
  await loadScreens(home === 'wizard' ? ['jobs', 'wizard'] : ['jobs']);
  // A job file opens the wizard on its review: that frame draws it (else it loads when needed).
  if (options.initialDraft) {
    const {reviewCode, validatorCode} = await import('../screens/wizard/lazy-code.js');
    await Promise.all([reviewCode.load(), validatorCode.load()]);
  }
  process.stdout.write(ENTER_ALT_SCREEN);
  // Ink turns raw mode on only after its first frame; a key typed in between would reach us
  // through the line discipline (enter as "\n", held until end of line). Switch now.
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  const instance = render(
    <KeymapContext.Provider value={keys.keymap}>
      <TerminalHandoffContext.Provider value={terminalHandoff()}>
        <EndNoticeContext.Provider value={endNotifier}>
          <App
            initialDraft={draft}
            {...(options.initialDraft && {initialStep: -1})}
            home={home}
            project={options.project}
            region={options.region}
            backend={options.resolved?.backend.value ?? 'local'}
            jobListCache={(key) => jobListCacheAccess(options.dataDir, key)}
            readOnly={options.readOnly}
            keyProblems={[
              ...keys.problems.map(
                (problem) => `settings ${problem.path}: ${problem.message} → ${problem.fix}`,
              ),
              ...(endNotice.problem ? [endNotice.problem] : []),
            ]}
            openSession={openSession}
            onSession={onSession}
            reopenSession={reopenSession}
            {...(origin && {initialOrigin: origin})}
            saveSubmitted={(submitted) => {
              try {
                saveLastSubmitted(options.dataDir, submitted);
              } catch {
                // Remembering is a convenience; a read-only settings folder must not fail a submit.
              }
            }}
            whereSources={whereSources}
            loadCatalog={loadCatalog}
            onExit={onExit}
            notices={options.warnings ?? []}
            startingLabel={startingStatusLabel(options.resolved)}
          />
        </EndNoticeContext.Provider>
      </TerminalHandoffContext.Provider>
    </KeymapContext.Provider>,
    {
      exitOnCtrlC: false,
    },
  );
  exitOwner.attach(() => instance.unmount(), true);
  await instance.waitUntilExit();
}
