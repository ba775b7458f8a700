// Every screen of the app by name, with the params it opens on. Screens open each other through
// the navigator by route name (`navigator.push('dashboard', {...})`), never by importing each
// other; only the app root maps names to components (ui/app/screens.ts). Types only: nothing here
// runs, so any layer of the UI may import it.
import type {JobDraft} from '../../core/job-spec/index.js';
import type {JobKind, ResourceMessage} from '../../services/vertex/api.js';

export interface DashboardParams {
  kind: JobKind;
  resource: ResourceMessage;
  /** A tuning job's trial: that trial's replicas and logs. */
  trialId?: string;
  /** Opened for its logs (`l`): the log pane has the whole screen, following the newest lines. */
  logsFirst?: boolean;
}

export interface WizardParams {
  draft: JobDraft;
  /** Step to open on; -1 is the review. */
  step?: number;
  /** "clone of …", shown in the title. */
  origin?: string;
  /** Where the draft's values came from, said in the review (defaults to the origin). */
  prefill?: string;
}

export interface RouteParams {
  /** The job list (home). */
  jobs: Record<string, never>;
  /** A job's live dashboard (custom job or trial), trials table (tuning) or pipeline view. */
  dashboard: DashboardParams;
  /** The guided job configuration. */
  wizard: WizardParams;
  /** The project's persistent resources (warm pools) in the region. */
  resources: Record<string, never>;
}

export type RouteName = keyof RouteParams;

/** A screen to open: its name and params, type-checked together. */
export type Route = {[N in RouteName]: {name: N; params: RouteParams[N]}}[RouteName];

export function route<N extends RouteName>(name: N, params: RouteParams[N]): Route {
  return {name, params} as Route;
}
