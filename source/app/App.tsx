// Root component: the screen router (wizard → dashboard), the backend session status line, and
// the terminal-size guard. Keys arrive through the KeyDispatcher; leaving goes through onExit.
import {Box, Text} from 'ink';
import React, {useEffect, useRef, useState} from 'react';
import {Dashboard} from '../dashboard/Dashboard.js';
import {BUILTIN_CATALOG, type Catalog, type JobDraft} from '../job-spec/index.js';
import type {LoadedCatalog} from '../settings/catalog-overrides.js';
import {toJobSnapshot, type CustomJobMessage, type JobSnapshot} from '../vertex/job-snapshot.js';
import type {Session} from '../vertex/session.js';
import {Wizard} from '../wizard/Wizard.js';
import type {SubmitAttempt} from '../wizard/submit-draft.js';
import {KeyDispatcher} from './key-dispatcher.js';
import {KeyHints} from './KeyHints.js';
import {theme} from './theme.js';
import {MIN_COLUMNS, MIN_ROWS, useTerminalSize} from './use-terminal-size.js';

export interface AppProps {
  initialDraft: JobDraft;
  /** Wizard step to open on; -1 is the review (an imported draft). */
  initialStep?: number;
  /** Opens the backend; called once, after the first frame. */
  openSession: () => Promise<Session>;
  onSession: (session: Session) => void;
  /** Reads the catalog overrides from the user's settings; called once, after the first frame. */
  loadCatalog: () => Promise<LoadedCatalog>;
  onExit: (code: number, message?: string) => void;
}

type Screen = {kind: 'wizard'} | {kind: 'dashboard'; job: JobSnapshot};
type SessionStatus =
  {kind: 'starting'} | {kind: 'ready'; session: Session} | {kind: 'failed'; message: string};

export function App({
  initialDraft,
  initialStep = 0,
  openSession,
  onSession,
  loadCatalog,
  onExit,
}: AppProps) {
  const {columns, rows} = useTerminalSize();
  const [screen, setScreen] = useState<Screen>({kind: 'wizard'});
  const [status, setStatus] = useState<SessionStatus>({kind: 'starting'});
  const [submitting, setSubmitting] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [catalog, setCatalog] = useState<Catalog>(BUILTIN_CATALOG);
  const [settingsProblem, setSettingsProblem] = useState<string | undefined>();
  const attempt = useRef<SubmitAttempt | undefined>(undefined);
  // Coming back from the dashboard reopens the review of the draft that was submitted.
  const [wizardStart, setWizardStart] = useState<{draft: JobDraft; step: number}>({
    draft: initialDraft,
    step: initialStep,
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
    const [{submitDraft, STAGE_LABEL, SubmitError}, {newRequestId}] = await Promise.all([
      import('../wizard/submit-draft.js'),
      import('../vertex/create-job.js'),
    ]);
    // The same request id while an attempt's outcome is unknown, so a retry finds its job.
    const current: SubmitAttempt = attempt.current ?? {requestId: newRequestId(), unclear: false};
    attempt.current = current;
    try {
      const created = await submitDraft(status.session, draft, current, (stage) =>
        setSubmitting(STAGE_LABEL[stage]),
      );
      attempt.current = undefined;
      setWizardStart({draft, step: -1});
      if (created.kind === 'custom') {
        setScreen({kind: 'dashboard', job: toJobSnapshot(created.job as CustomJobMessage)});
      } else {
        setSubmitError(`created ${String(created.job.name)} (its dashboard is not built yet)`);
      }
    } catch (error) {
      if (error instanceof SubmitError) {
        if (error.unclear) attempt.current = {...current, unclear: true};
        else attempt.current = undefined;
        setSubmitError(`${error.message} → ${error.next}`);
      } else {
        attempt.current = undefined;
        setSubmitError((error as Error).message);
      }
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
      <Text color={theme.status.success}>
        {status.session.backend.kind === 'local'
          ? `local emulator ready (127.0.0.1:${status.session.backend.port})`
          : `Vertex AI ${status.session.backend.region}`}
      </Text>
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
              {settingsProblem ? (
                <Text color={theme.status.warning} wrap="truncate-end">
                  ⚠ {settingsProblem}
                </Text>
              ) : null}
              <Wizard
                initialDraft={wizardStart.draft}
                catalog={catalog}
                initialStep={wizardStart.step}
                height={rows - 1 - (settingsProblem ? 1 : 0)}
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
