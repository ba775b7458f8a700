// Root component: opens the backend session after the first frame and provides it (with the
// catalog and read-only mode) to every screen, then hands the frame to the shell. It knows no
// screen but the two it starts on: the job list, with the wizard on top when there are no jobs yet.
import {Text} from 'ink';
import React, {useEffect, useMemo, useState} from 'react';
import type {Catalog, JobDraft} from '../../core/job-spec/index.js';
import {BUILTIN_CATALOG} from '../../core/job-spec/catalog-data.js';
import type {LoadedCatalog} from '../../core/settings/catalog-overrides.js';
import {safeText} from '../../core/text/safe-text.js';
import type {Session} from '../../services/backend/session.js';
import type {JobListCacheAccess, JobListCacheKey} from '../../services/jobs/job-list-cache.js';
import {
  AppContext,
  type AppContextValue,
  type BackendTarget,
  type SessionStatus,
  type WhereSources,
} from '../shell/session-context.js';
import {route} from '../shell/routes.js';
import {SCREENS} from './screens.js';
import {Shell} from '../shell/Shell.js';
import {useCloseReplacedSession} from './use-close-replaced-session.js';
import {useSessionLabel} from './use-session-label.js';
import {theme} from '../shell/theme.js';

export interface AppProps {
  initialDraft: JobDraft;
  /** Wizard step to open on; -1 is the review (`new --from FILE`). */
  initialStep?: number;
  /** Open on the wizard (no jobs yet) or on the job list. */
  home: 'wizard' | 'jobs';
  project: string;
  region: string;
  /** The backend the app opens on (keys the job list cache); the Where step can change it. */
  backend?: 'local' | 'vertex';
  /** The job list cache of a backend/project/region; without it the list is always live. */
  jobListCache?: (key: JobListCacheKey) => JobListCacheAccess;
  readOnly?: boolean;
  /** Problems with the user's key overrides, shown in the status line. */
  keyProblems?: string[];
  /** Other settings problems (e.g. a settings file that had to be reset). */
  notices?: string[];
  /** Status line while the backend opens (services/backend/status-label.ts startingStatusLabel). */
  startingLabel?: string;
  /** Opens the backend; called once, after the first frame. */
  openSession: () => Promise<Session>;
  onSession: (session: Session) => void;
  /** Opens another backend for the wizard's Where step (see AppContextValue.switchBackend). */
  reopenSession?: (target: BackendTarget) => Promise<Session>;
  /** Where initialDraft's values came from, said in the review. */
  initialOrigin?: string;
  /** Saves a submitted draft as the last submitted one (beside the settings file). */
  saveSubmitted?: (draft: JobDraft) => void;
  whereSources?: WhereSources;
  /** Reads the catalog overrides from the user's settings; called once, after the first frame. */
  loadCatalog: () => Promise<LoadedCatalog>;
  onExit: (code: number, message?: string) => void;
}

export function App({
  initialDraft,
  initialStep,
  home,
  project,
  region,
  backend = 'local',
  jobListCache,
  readOnly = false,
  keyProblems = [],
  notices = [],
  startingLabel = 'local emulator: starting…',
  openSession,
  onSession,
  reopenSession,
  initialOrigin,
  saveSubmitted,
  whereSources,
  loadCatalog,
  onExit,
}: AppProps) {
  const [status, setStatus] = useState<SessionStatus>({kind: 'starting'});
  useCloseReplacedSession(status.kind === 'ready' ? status.session : undefined);
  // The project and region every screen lists and creates in; the Where step can move them.
  const [where, setWhere] = useState({backend, project, region});
  // A new job starts from the last one submitted (this run or an earlier one), else the example.
  const [newJob, setNewJob] = useState({draft: initialDraft, origin: initialOrigin});
  const rememberSubmitted = useMemo(
    () => (draft: JobDraft) => {
      setNewJob({draft, origin: 'the last submitted job'});
      saveSubmitted?.(draft);
    },
    [saveSubmitted],
  );
  const [catalog, setCatalog] = useState<Catalog>(BUILTIN_CATALOG);
  const [settingsProblem, setSettingsProblem] = useState<string | undefined>(
    [...notices, ...keyProblems][0],
  );

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

  const switchBackend = useMemo(
    () =>
      reopenSession
        ? async (target: BackendTarget) => {
            const session = await reopenSession(target);
            onSession(session);
            setStatus({kind: 'ready', session});
            setWhere({backend: target.backend, project: target.project, region: target.region});
            return session;
          }
        : undefined,
    [reopenSession, onSession],
  );

  const cache = useMemo(() => jobListCache?.(where), [jobListCache, where]);
  const context = useMemo<AppContextValue>(
    () => ({
      status,
      parent: `projects/${where.project}/locations/${where.region}`,
      project: where.project,
      region: where.region,
      readOnly,
      catalog,
      newJobDraft: newJob.draft,
      ...(newJob.origin && {newJobOrigin: newJob.origin}),
      rememberSubmitted,
      ...(whereSources && {whereSources}),
      ...(switchBackend && {switchBackend}),
      ...(cache && {jobListCache: cache}),
    }),
    [
      status,
      where,
      readOnly,
      catalog,
      newJob,
      rememberSubmitted,
      whereSources,
      switchBackend,
      cache,
    ],
  );

  const [initial] = useState(() => [
    route('jobs', {}),
    ...(home === 'wizard'
      ? [
          route('wizard', {
            draft: initialDraft,
            ...(initialStep !== undefined && {step: initialStep}),
            ...(initialOrigin && {prefill: initialOrigin}),
          }),
        ]
      : []),
  ]);

  return (
    <AppContext.Provider value={context}>
      <Shell
        screens={SCREENS}
        initial={initial}
        readOnly={readOnly}
        onQuit={() => onExit(0)}
        status={
          <StatusLine
            status={status}
            startingLabel={startingLabel}
            readOnly={readOnly}
            problem={settingsProblem}
          />
        }
      />
    </AppContext.Provider>
  );
}

function StatusLine({
  status,
  startingLabel,
  readOnly,
  problem,
}: {
  status: SessionStatus;
  startingLabel: string;
  readOnly: boolean;
  problem: string | undefined;
}) {
  const label = useSessionLabel(status.kind === 'ready' ? status.session : undefined);
  const backend =
    status.kind === 'starting' ? (
      <Text color={theme.status.pending}>{startingLabel}</Text>
    ) : status.kind === 'ready' ? (
      <Text color={theme.status.success}>{safeText(label ?? status.session.label)}</Text>
    ) : (
      <Text color={theme.status.error}>backend failed: {safeText(status.message)}</Text>
    );
  return (
    <Text wrap="truncate-end">
      {backend}
      {readOnly ? <Text color={theme.status.warning}> · read-only</Text> : null}
      {problem ? <Text color={theme.status.warning}> · ⚠ {safeText(problem)}</Text> : null}
    </Text>
  );
}
