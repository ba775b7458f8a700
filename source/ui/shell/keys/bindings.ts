// Every key binding of the app, as plain data: one record per command with its keys, its scope,
// the line the `?` help shows, the hint bar's label, and whether it changes something (hidden in
// read-only mode) or asks first. Screens act on commands, never on raw keys, so hints and help are
// generated from these records and a user's override (settings file `keys`) changes one of them.
//
// Scopes: a key is looked up in the active scopes in order (an overlay's, then the screen's, then
// `nav`, then `global`), so `enter` can mean "open" in the job list and "choose" in the wizard.
// Matching lives in keymap.ts; reading a key spec ("ctrl+c", "shift+tab") in key-spec.ts.

export type Scope =
  | 'global'
  | 'nav'
  | 'jobs'
  | 'resources'
  | 'dashboard'
  | 'job'
  | 'wizard'
  | 'help'
  | 'confirm'
  | 'textview'
  | 'prompt';

export interface BindingSpec {
  command: string;
  /** Key specs: "q", "?", "ctrl+c", "esc", "enter", "up", "pgup", "shift+tab", "space", … */
  keys: readonly string[];
  scope: Scope;
  /** One line for the `?` help. */
  description: string;
  /** Short label for the hint bar; defaults to the description. */
  hint?: string;
  /** Changes something in the backend: hidden in read-only mode. */
  mutates?: boolean;
  /** Asks for confirmation first (cancel, delete). */
  dangerous?: boolean;
}

/** Which commands of a shared scope a screen's scope takes, in the order its help lists them. */
export type ScopeAttachments = Partial<Record<Scope, readonly string[]>>;

export const DEFAULT_BINDINGS = [
  {
    command: 'app.quit',
    keys: ['ctrl+c'],
    scope: 'global',
    description: 'quit vtrain-tui',
    hint: 'quit',
  },
  {
    command: 'app.help',
    keys: ['?'],
    scope: 'global',
    description: 'show the keys of this screen',
    hint: 'help',
  },
  {
    command: 'nav.back',
    keys: ['q', 'esc'],
    scope: 'nav',
    description: 'go back (on the job list: quit)',
    hint: 'back',
  },
  {command: 'nav.up', keys: ['up', 'k'], scope: 'nav', description: 'move up', hint: 'move'},
  {command: 'nav.down', keys: ['down', 'j'], scope: 'nav', description: 'move down', hint: 'move'},
  {command: 'nav.confirm', keys: ['enter'], scope: 'nav', description: 'choose', hint: 'choose'},
  {
    command: 'nav.pageUp',
    keys: ['pgup', 'ctrl+b'],
    scope: 'nav',
    description: 'page up',
    hint: 'page',
  },
  {
    command: 'nav.pageDown',
    keys: ['pgdn', 'ctrl+f'],
    scope: 'nav',
    description: 'page down',
    hint: 'page',
  },
  {
    command: 'nav.top',
    keys: ['home', 'g'],
    scope: 'nav',
    description: 'go to the top',
    hint: 'top',
  },
  {
    command: 'nav.bottom',
    keys: ['end', 'G'],
    scope: 'nav',
    description: 'go to the bottom',
    hint: 'bottom',
  },
  {
    command: 'value.increase',
    keys: ['right', '+'],
    scope: 'wizard',
    description: 'increase the value',
    hint: 'change',
  },
  {
    command: 'value.decrease',
    keys: ['left', '-'],
    scope: 'wizard',
    description: 'decrease the value',
    hint: 'change',
  },
  {
    command: 'wizard.next',
    keys: ['tab'],
    scope: 'wizard',
    description: 'next step (what is entered is kept)',
    hint: 'next step',
  },
  {
    command: 'wizard.previous',
    keys: ['shift+tab'],
    scope: 'wizard',
    description: 'previous step (what is entered is kept)',
    hint: 'previous',
  },
  {
    command: 'wizard.pool',
    keys: ['p'],
    scope: 'wizard',
    description: 'container and compute steps: edit the next worker pool',
    hint: 'pool',
  },
  {
    command: 'wizard.add',
    keys: ['a'],
    scope: 'wizard',
    description: 'add: a study parameter, or a worker pool in the selected slot',
    hint: 'add',
  },
  {
    command: 'wizard.delete',
    keys: ['x', 'delete'],
    scope: 'wizard',
    description: 'delete the selected study parameter or worker pool',
    hint: 'delete',
  },
  {
    command: 'wizard.reductionServer',
    keys: ['r'],
    scope: 'wizard',
    description: 'worker pools: add a Reduction Server pool (recommended image and machine)',
    hint: 'reduction server',
  },
  {
    command: 'wizard.loadPreset',
    keys: ['l'],
    scope: 'wizard',
    description: 'first step: load a saved preset (its values replace the ones shown)',
    hint: 'load preset',
  },
  {
    command: 'review.view',
    keys: ['v'],
    scope: 'wizard',
    description:
      'review: show the summary, the request JSON, the --config YAML or the gcloud command',
    hint: 'view',
  },
  {
    command: 'review.jump',
    keys: ['e'],
    scope: 'wizard',
    description: 'review: go to the field of the next problem',
    hint: 'go to problem',
  },
  {
    command: 'review.open',
    keys: ['o'],
    scope: 'wizard',
    description: 'review: open the selected step to change it',
    hint: 'open step',
  },
  {
    command: 'review.write',
    keys: ['w'],
    scope: 'wizard',
    description:
      'review: write the --config YAML (or REST JSON) file; in the gcloud view, the command as a script',
    hint: 'write file',
  },
  {
    command: 'review.preset',
    keys: ['s'],
    scope: 'wizard',
    description: 'review: save the job as a named preset',
    hint: 'save preset',
  },
  {
    command: 'jobs.open',
    keys: ['enter'],
    scope: 'jobs',
    description: "open the job's dashboard",
    hint: 'open',
  },
  // The actions on one job (job-actions/job-commands.ts runs them): one scope, `job`, which the job
  // list and the dashboards attach (SCOPE_ATTACHMENTS). Their rows sit among the job list's own so
  // its help reads in this order.
  {
    command: 'jobs.describe',
    keys: ['d'],
    scope: 'job',
    description: 'describe the job (its resource as YAML)',
    hint: 'describe',
  },
  {
    command: 'jobs.logs',
    keys: ['l'],
    scope: 'job',
    description: "open the job's dashboard on its logs: full screen, following the newest lines",
    hint: 'logs',
  },
  {
    command: 'jobs.cancel',
    keys: ['x'],
    scope: 'job',
    description: 'cancel the job (asks first)',
    hint: 'cancel',
    mutates: true,
    dangerous: true,
  },
  {
    command: 'jobs.clone',
    keys: ['c'],
    scope: 'job',
    description: 'clone the job into the wizard',
    hint: 'clone',
    mutates: true,
  },
  {
    command: 'jobs.new',
    keys: ['n'],
    scope: 'jobs',
    description: 'configure a new job',
    hint: 'new',
    mutates: true,
  },
  {
    command: 'jobs.copyName',
    keys: ['y'],
    scope: 'job',
    description: "copy the job's resource name (OSC 52)",
    hint: 'copy',
  },
  {
    command: 'jobs.consoleUrl',
    keys: ['o'],
    scope: 'job',
    description: "show the job's Cloud console URL",
    hint: 'url',
  },
  {
    command: 'jobs.filter',
    keys: ['/'],
    scope: 'jobs',
    description: 'filter the loaded jobs by text',
    hint: 'filter',
  },
  {
    command: 'jobs.serverFilter',
    keys: ['f'],
    scope: 'jobs',
    description: 'server filter (e.g. state=JOB_STATE_FAILED, labels.team=x)',
    hint: 'server filter',
  },
  {
    command: 'jobs.type',
    keys: ['t'],
    scope: 'jobs',
    description: 'show all types / custom jobs / tuning jobs / pipelines',
    hint: 'type',
  },
  {
    command: 'jobs.sort',
    keys: ['s'],
    scope: 'jobs',
    description: 'sort by the next column',
    hint: 'sort',
  },
  {command: 'jobs.sortReverse', keys: ['S'], scope: 'jobs', description: 'reverse the sort order'},
  {
    command: 'jobs.refresh',
    keys: ['r'],
    scope: 'jobs',
    description: 'refresh now (it also refreshes on its own)',
    hint: 'refresh',
  },
  {
    command: 'jobs.persistentResources',
    keys: ['P'],
    scope: 'jobs',
    description: 'persistent resources: warm machine pools jobs can run on',
    hint: 'pools',
  },
  {
    command: 'resources.describe',
    keys: ['d', 'enter'],
    scope: 'resources',
    description: 'describe the selected persistent resource (YAML)',
    hint: 'describe',
  },
  {
    command: 'resources.create',
    keys: ['n'],
    scope: 'resources',
    description: 'create a persistent resource from a short form',
    hint: 'new',
    mutates: true,
  },
  {
    command: 'resources.createFromFile',
    keys: ['F'],
    scope: 'resources',
    description: 'create a persistent resource from a YAML or JSON file',
    hint: 'from file',
    mutates: true,
  },
  {
    command: 'resources.delete',
    keys: ['x', 'delete'],
    scope: 'resources',
    description: 'delete the selected persistent resource (asks first)',
    hint: 'delete',
    mutates: true,
    dangerous: true,
  },
  {
    command: 'resources.refresh',
    keys: ['r'],
    scope: 'resources',
    description: 'refresh the list',
    hint: 'refresh',
  },
  {
    command: 'logs.scrollUp',
    keys: ['pgup', 'ctrl+b'],
    scope: 'dashboard',
    description: 'scroll the logs up a page',
    hint: 'scroll',
  },
  {
    command: 'logs.scrollDown',
    keys: ['pgdn', 'ctrl+f'],
    scope: 'dashboard',
    description: 'scroll the logs down a page',
    hint: 'scroll',
  },
  {
    command: 'logs.follow',
    keys: ['f'],
    scope: 'dashboard',
    description: 'follow the newest log lines',
    hint: 'follow',
  },
  {
    command: 'dash.focus',
    keys: ['tab'],
    scope: 'dashboard',
    description: 'move between the replica table and the logs',
    hint: 'replicas/logs',
  },
  {
    command: 'logs.scope',
    keys: ['a'],
    scope: 'dashboard',
    description: 'logs of all replicas / of the selected replica only',
    hint: 'all/selected',
  },
  {
    command: 'logs.wrap',
    keys: ['w'],
    scope: 'dashboard',
    description: 'wrap long log lines (or cut them at the edge)',
    hint: 'wrap',
  },
  {
    command: 'logs.timestamps',
    keys: ['t'],
    scope: 'dashboard',
    description: "show each line's timestamp",
    hint: 'time',
  },
  {
    command: 'logs.prettyJson',
    keys: ['p'],
    scope: 'dashboard',
    description: 'JSON log entries as indented JSON / on one line',
    hint: 'json',
  },
  {
    command: 'logs.maximize',
    keys: ['m'],
    scope: 'dashboard',
    description: 'give the logs the whole screen (hide the replica table) / show it again',
    hint: 'logs full/split',
  },
  {
    command: 'logs.severity',
    keys: ['v'],
    scope: 'dashboard',
    description: 'minimum severity shown: all → INFO → WARNING → ERROR',
    hint: 'severity',
  },
  {
    command: 'logs.search',
    keys: ['/'],
    scope: 'dashboard',
    description: 'search the logs (text, or /regex/); matches are highlighted',
    hint: 'search',
  },
  {
    command: 'logs.nextMatch',
    keys: ['n'],
    scope: 'dashboard',
    description: 'next search match',
    hint: 'next',
  },
  {
    command: 'logs.prevMatch',
    keys: ['N'],
    scope: 'dashboard',
    description: 'previous search match',
  },
  {
    command: 'logs.nextError',
    keys: ['e'],
    scope: 'dashboard',
    description: 'jump to the next error line',
    hint: 'error',
  },
  {
    command: 'logs.prevError',
    keys: ['E'],
    scope: 'dashboard',
    description: 'jump to the previous error line',
  },
  {
    command: 'logs.traceback',
    keys: ['T'],
    scope: 'dashboard',
    description: "jump to the failed replica's last traceback",
    hint: 'traceback',
  },
  {
    command: 'logs.save',
    keys: ['s'],
    scope: 'dashboard',
    description: 'save the shown lines (filters applied) to a file',
    hint: 'save',
  },
  {
    command: 'logs.saveAll',
    keys: ['S'],
    scope: 'dashboard',
    description: 'save every line held in memory to a file',
  },
  {
    command: 'dash.shell',
    keys: ['!'],
    scope: 'dashboard',
    // Short enough that help shows the read-only reason after it on a 130-column screen.
    description: 'shell in the selected replica (local: its folder or container; Vertex: web link)',
    hint: 'shell',
    // A shell can change anything the replica can: hidden in read-only mode like cancel.
    mutates: true,
  },
  {
    command: 'trials.sort',
    keys: ['o'],
    scope: 'dashboard',
    description: 'sort the trials by id / by the study metric (best first)',
    hint: 'sort',
  },
  {
    command: 'trials.open',
    keys: ['enter'],
    scope: 'dashboard',
    description: "open the trial's replicas and logs",
    hint: 'open trial',
  },
  {
    command: 'confirm.yes',
    keys: ['y', 'enter'],
    scope: 'confirm',
    description: 'confirm',
    hint: 'yes',
  },
  {
    command: 'confirm.no',
    keys: ['n', 'esc', 'q'],
    scope: 'confirm',
    description: 'cancel',
    hint: 'no',
  },
  {
    command: 'overlay.close',
    keys: ['q', 'esc'],
    scope: 'textview',
    description: 'close',
    hint: 'close',
  },
  {
    command: 'help.close',
    keys: ['q', 'esc', '?'],
    scope: 'help',
    description: 'close the help',
    hint: 'close',
  },
  {command: 'prompt.submit', keys: ['enter'], scope: 'prompt', description: 'apply', hint: 'apply'},
  {command: 'prompt.cancel', keys: ['esc'], scope: 'prompt', description: 'cancel', hint: 'cancel'},
] as const satisfies readonly BindingSpec[];

export type Command = (typeof DEFAULT_BINDINGS)[number]['command'];

/**
 * The job actions each screen scope offers. A key of one of these works on that screen as if it
 * were bound in the screen's own scope (after it), and a user's override must not clash with it.
 */
export const SCOPE_ATTACHMENTS = {
  jobs: [
    'jobs.describe',
    'jobs.logs',
    'jobs.cancel',
    'jobs.clone',
    'jobs.copyName',
    'jobs.consoleUrl',
  ],
  dashboard: ['jobs.cancel', 'jobs.clone', 'jobs.describe', 'jobs.copyName'],
} as const satisfies ScopeAttachments;

/**
 * Command names of earlier versions, as users may have written them in the settings file's `keys`:
 * the dashboard had its own copy of some job actions (`job.cancel` beside the job list's
 * `jobs.cancel`); both now name the one job action.
 */
export const RENAMED_COMMANDS: Readonly<Record<string, Command>> = {
  'job.cancel': 'jobs.cancel',
  'job.clone': 'jobs.clone',
  'job.describe': 'jobs.describe',
  'job.copyName': 'jobs.copyName',
};
