// Root component: the screen router (wizard → dashboard), the backend session status line, and
// the terminal-size guard. Keys arrive through the KeyDispatcher; leaving goes through onExit.
import {Box, Text} from 'ink';
import React, {useEffect, useState} from 'react';
import {Dashboard} from '../dashboard/Dashboard.js';
import {
  BUILTIN_CATALOG,
  buildCreateCustomJobRequest,
  type Catalog,
  type JobDraft,
} from '../job-spec/index.js';
import {formatStageProgress} from '../backend/stage-packages.js';
import type {LoadedCatalog} from '../settings/catalog-overrides.js';
import {explainApiError, formatExplained} from '../vertex/explain-error.js';
import type {JobSnapshot} from '../vertex/job-snapshot.js';
import type {Session} from '../vertex/session.js';
import {Wizard} from '../wizard/Wizard.js';
import {KeyDispatcher} from './key-dispatcher.js';
import {KeyHints} from './KeyHints.js';
import {theme} from './theme.js';
import {MIN_COLUMNS, MIN_ROWS, useTerminalSize} from './use-terminal-size.js';

export interface AppProps {
  initialDraft: JobDraft;
  /** Opens the backend; called once, after the first frame. */
  openSession: () => Promise<Session>;
  onSession: (session: Session) => void;
  /** Reads the catalog overrides from the user's settings; called once, after the first frame. */
  loadCatalog: () => Promise<LoadedCatalog>;
  onExit: (code: number, message?: string) => void;
  /** Lines to show above the wizard (e.g. a settings file that had to be reset). */
  notices?: string[];
}

type Screen = {kind: 'wizard'} | {kind: 'dashboard'; job: JobSnapshot};
type SessionStatus =
  {kind: 'starting'} | {kind: 'ready'; session: Session} | {kind: 'failed'; message: string};

export function App({
  initialDraft,
  openSession,
  onSession,
  loadCatalog,
  onExit,
  notices = [],
}: AppProps) {
  const {columns, rows} = useTerminalSize();
  const [screen, setScreen] = useState<Screen>({kind: 'wizard'});
  const [status, setStatus] = useState<SessionStatus>({kind: 'starting'});
  const [submitting, setSubmitting] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [catalog, setCatalog] = useState<Catalog>(BUILTIN_CATALOG);
  const [settingsProblem, setSettingsProblem] = useState<string | undefined>();
  // Coming back from the dashboard reopens the review of the draft that was submitted.
  const [wizardStart, setWizardStart] = useState<{draft: JobDraft; step: number}>({
    draft: initialDraft,
    step: 0,
  });

  useEffect(() => {
    // Deferred past the first frame: loading the Google clients takes over a second.
    const timer = setTimeout(() => {
      openSession().then(
        (session) => {
          onSession(session);
          setStatus({kind: 'ready', session});
        },
        (error: Error) => setStatus({kind: 'failed', message: error.message}),
      );
    }, 0);
    return () => clearTimeout(timer);
  }, [openSession, onSession]);

  useEffect(() => {
    let live = true;
    void loadCatalog().then((loaded) => {
      if (!live) return;
      setCatalog(loaded.catalog);
      const [first, ...rest] = loaded.errors;
      if (first)
        setSettingsProblem(
          `settings ${first.path}: ${first.message} → ${first.fix}${rest.length ? ` (+${rest.length} more)` : ''}; using the built-in catalog`,
        );
    });
    return () => {
      live = false;
    };
  }, [loadCatalog]);

  const submit = async (draft: JobDraft) => {
    if (status.kind !== 'ready') {
      setSubmitError(
        status.kind === 'failed'
          ? status.message
          : 'the backend is still starting; try again in a moment',
      );
      return;
    }
    setSubmitError(undefined);
    const {backend} = status.session;
    try {
      setSubmitting('Staging the Python package…');
      const staged = await status.session.stagePackages(draft, (progress) =>
        setSubmitting(formatStageProgress(progress)),
      );
      setSubmitting('Submitting the job…');
      const job = await status.session.jobs.create(buildCreateCustomJobRequest(staged));
      setWizardStart({draft, step: -1});
      setScreen({kind: 'dashboard', job});
    } catch (error) {
      setSubmitError(
        formatExplained(explainApiError(error, {project: backend.project, region: backend.region})),
      );
    } finally {
      setSubmitting(undefined);
    }
  };

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <KeyDispatcher onQuit={() => onExit(0)}>
        <Text color={theme.status.warning}>
          Terminal is {columns}×{rows}; vtrain-tui needs at least {MIN_COLUMNS}×{MIN_ROWS}. Enlarge
          the window (ctrl+c quits).
        </Text>
      </KeyDispatcher>
    );
  }

  const statusLine =
    status.kind === 'starting' ? (
      <Text color={theme.status.pending}>local emulator: starting…</Text>
    ) : status.kind === 'ready' ? (
      <Text color={theme.status.success}>{status.session.label}</Text>
    ) : (
      <Text color={theme.status.error}>backend failed: {status.message}</Text>
    );

  return (
    <KeyDispatcher onQuit={() => onExit(0)}>
      <Box flexDirection="column" width={columns} height={rows}>
        {screen.kind === 'dashboard' && status.kind === 'ready' ? (
          <Dashboard
            session={status.session}
            initialJob={screen.job}
            columns={columns}
            rows={rows}
            onBack={() => setScreen({kind: 'wizard'})}
          />
        ) : (
          <>
            <Box flexDirection="column" flexGrow={1}>
              {notices.map((notice) => (
                <Text key={notice} color={theme.status.warning} wrap="truncate-end">
                  ⚠ {notice}
                </Text>
              ))}
              {settingsProblem ? (
                <Text color={theme.status.warning} wrap="truncate-end">
                  ⚠ {settingsProblem}
                </Text>
              ) : null}
              <Wizard
                initialDraft={wizardStart.draft}
                catalog={catalog}
                initialStep={wizardStart.step}
                height={rows - 1 - (settingsProblem ? 1 : 0) - notices.length}
                width={columns}
                submitting={submitting}
                submitError={submitError}
                onSubmit={(draft) => void submit(draft)}
                onExit={() => onExit(0)}
              />
            </Box>
            <KeyHints
              hints={[
                {command: 'nav.confirm', label: 'choose'},
                {command: 'nav.back', label: 'back'},
              ]}
              status={statusLine}
            />
          </>
        )}
      </Box>
    </KeyDispatcher>
  );
}
