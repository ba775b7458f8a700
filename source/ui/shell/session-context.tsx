// What every screen may read about the app: the backend session (opened once, after the first
// frame), where jobs live, read-only mode, the catalog, and the draft a new job starts from.
// Screens never open a backend themselves.
import {createContext, useContext} from 'react';
import type {Catalog, JobDraft} from '../../core/job-spec/index.js';
import type {Session} from '../../services/backend/session.js';
import type {JobListCacheAccess} from '../../services/jobs/job-list-cache.js';

export type SessionStatus =
  {kind: 'starting'} | {kind: 'ready'; session: Session} | {kind: 'failed'; message: string};

export interface AppContextValue {
  status: SessionStatus;
  /** `projects/P/locations/R`: the parent of every job listed or created. */
  parent: string;
  project: string;
  region: string;
  readOnly: boolean;
  catalog: Catalog;
  /** The example job a new job starts from. */
  newJobDraft: JobDraft;
  /** Where newJobDraft's values came from ("the example job", "the last submitted job (…)"). */
  newJobOrigin?: string;
  /** Keeps a submitted draft as the next new job's starting point (and in last-submitted.json). */
  rememberSubmitted?: (draft: JobDraft) => void;
  /** Where the app's resolution found backend, project, region and staging bucket. */
  whereSources?: WhereSources;
  /**
   * Reopens the app on another backend, project or region (through openSession) and makes it the
   * app's session: the wizard's Where step submits there, and the job list follows.
   */
  switchBackend?: (target: BackendTarget) => Promise<Session>;
  /** The last job list seen on this backend, project and region (the home list's first frame). */
  jobListCache?: JobListCacheAccess;
}

export interface BackendTarget {
  backend: 'local' | 'vertex';
  project: string;
  region: string;
  stagingBucket?: string;
}

export type WhereSources = Partial<
  Record<'backend' | 'project' | 'region' | 'stagingBucket', {value: string; source: string}>
>;

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useAppContext must be used inside the App');
  return value;
}

/** The session once it is ready, else undefined. */
export function useSession(): Session | undefined {
  const {status} = useAppContext();
  return status.kind === 'ready' ? status.session : undefined;
}
