// Every key binding of the app in one table. Screens act on commands, never on raw keys, so the
// hint bar and the `?` help are generated from here, `--read-only` hides what changes something,
// and a user's override (settings file `keys`) changes a binding in one place.
//
// Scopes: a key is looked up in the active scopes in order (an overlay's, then the screen's, then
// `nav`, then `global`), so `enter` can mean "open" in the job list and "choose" in the wizard.
import type {Key} from 'ink';

export type Scope =
  'global' | 'nav' | 'jobs' | 'dashboard' | 'wizard' | 'help' | 'confirm' | 'textview' | 'prompt';

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
  {
    command: 'jobs.describe',
    keys: ['d'],
    scope: 'jobs',
    description: 'describe the job (its resource as YAML)',
    hint: 'describe',
  },
  {
    command: 'jobs.logs',
    keys: ['l'],
    scope: 'jobs',
    description: "open the job's dashboard on its logs: full screen, following the newest lines",
    hint: 'logs',
  },
  {
    command: 'jobs.cancel',
    keys: ['x'],
    scope: 'jobs',
    description: 'cancel the job (asks first)',
    hint: 'cancel',
    mutates: true,
    dangerous: true,
  },
  {
    command: 'jobs.clone',
    keys: ['c'],
    scope: 'jobs',
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
    scope: 'jobs',
    description: "copy the job's resource name (OSC 52)",
    hint: 'copy',
  },
  {
    command: 'jobs.consoleUrl',
    keys: ['o'],
    scope: 'jobs',
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
    command: 'job.cancel',
    keys: ['x'],
    scope: 'dashboard',
    description: 'cancel the job (asks first)',
    hint: 'cancel',
    mutates: true,
    dangerous: true,
  },
  {
    command: 'job.clone',
    keys: ['c'],
    scope: 'dashboard',
    description: 'clone the job into the wizard',
    hint: 'clone',
    mutates: true,
  },
  {
    command: 'job.describe',
    keys: ['d'],
    scope: 'dashboard',
    description: 'describe the job (its resource as YAML)',
    hint: 'describe',
  },
  {
    command: 'job.copyName',
    keys: ['y'],
    scope: 'dashboard',
    description: "copy the job's resource name (OSC 52)",
    hint: 'copy',
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

export interface Binding extends BindingSpec {
  command: Command;
  matchers: ReadonlyArray<(input: string, key: Key) => boolean>;
}

const NAMED_KEYS: Record<string, {flag: keyof Key; label: string}> = {
  up: {flag: 'upArrow', label: '↑'},
  down: {flag: 'downArrow', label: '↓'},
  left: {flag: 'leftArrow', label: '←'},
  right: {flag: 'rightArrow', label: '→'},
  pgup: {flag: 'pageUp', label: 'pgup'},
  pgdn: {flag: 'pageDown', label: 'pgdn'},
  home: {flag: 'home', label: 'home'},
  end: {flag: 'end', label: 'end'},
  esc: {flag: 'escape', label: 'esc'},
  tab: {flag: 'tab', label: 'tab'},
  backspace: {flag: 'backspace', label: 'backspace'},
  delete: {flag: 'delete', label: 'del'},
};

export class KeySpecError extends Error {}

/** Turns a key spec ("ctrl+c", "G", "shift+tab", "enter") into a matcher; throws KeySpecError. */
export function parseKeySpec(spec: string): (input: string, key: Key) => boolean {
  const trimmed = spec.trim();
  if (trimmed === 'enter')
    // "\n" too: terminals in line mode, and some over SSH, send it for enter.
    return (input, key) => key.return || input === '\n' || input === '\r';
  if (trimmed === 'space') return (input, key) => input === ' ' && !key.ctrl && !key.meta;
  const ctrl = /^ctrl\+([a-z])$/i.exec(trimmed);
  if (ctrl) {
    const letter = ctrl[1]!.toLowerCase();
    return (input, key) => key.ctrl && input.toLowerCase() === letter;
  }
  const shifted = /^shift\+(\w+)$/.exec(trimmed);
  if (shifted && NAMED_KEYS[shifted[1]!]) {
    const flag = NAMED_KEYS[shifted[1]!]!.flag;
    return (_input, key) => Boolean(key[flag]) && key.shift;
  }
  const named = NAMED_KEYS[trimmed];
  if (named) return (_input, key) => Boolean(key[named.flag]) && !key.shift;
  if ([...trimmed].length === 1 && /\S/.test(trimmed))
    return (input, key) => input === trimmed && !key.ctrl && !key.meta;
  throw new KeySpecError(
    `"${spec}" is not a key; use a single character, ctrl+LETTER, or one of enter, space, ${Object.keys(NAMED_KEYS).join(', ')}`,
  );
}

/** How a key spec is shown in hints and help. */
export function keySpecLabel(spec: string): string {
  const named = NAMED_KEYS[spec];
  if (named) return named.label;
  const shifted = /^shift\+(\w+)$/.exec(spec);
  if (shifted && NAMED_KEYS[shifted[1]!]) return `shift+${NAMED_KEYS[shifted[1]!]!.label}`;
  return spec;
}

export function compileBindings(specs: readonly BindingSpec[]): Binding[] {
  return specs.map((spec) => ({
    ...spec,
    command: spec.command as Command,
    matchers: spec.keys.map(parseKeySpec),
  }));
}

let active: Binding[] = compileBindings(DEFAULT_BINDINGS);

/** The bindings in force (defaults with the user's overrides applied). */
export function bindings(): readonly Binding[] {
  return active;
}

/** Replaces the bindings in force (after validated user overrides were applied). */
export function setBindings(next: Binding[]): void {
  active = next;
}

export const DEFAULT_SCOPES: readonly Scope[] = ['nav', 'global'];

/** The command a key means in `scopes` (first scope wins), or undefined. */
export function commandFor(
  input: string,
  key: Key,
  scopes: readonly Scope[] = ['wizard', ...DEFAULT_SCOPES],
): Command | undefined {
  for (const scope of scopes) {
    const found = active.find(
      (binding) => binding.scope === scope && binding.matchers.some((match) => match(input, key)),
    );
    if (found) return found.command;
  }
  return undefined;
}

export function bindingOf(command: Command): Binding | undefined {
  return active.find((binding) => binding.command === command);
}

/** "q/esc", "↑/k": every key of a command. */
export function keyLabel(command: Command): string {
  const binding = bindingOf(command);
  return binding ? binding.keys.map(keySpecLabel).join('/') : '?';
}

const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as Key;

function singleKey(char: string): [string, Key] {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\r' || char === '\n') return ['', {...NO_KEY, return: true}];
  if (char === '\t') return ['', {...NO_KEY, tab: true}];
  if (char === '\x7f' || char === '\b') return ['', {...NO_KEY, backspace: true}];
  // Control codes 1-26 are ctrl+a … ctrl+z, as Ink reports them when they arrive alone.
  if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), {...NO_KEY, ctrl: true}];
  return [char, {...NO_KEY, shift: /[A-Z]/.test(char)}];
}

/**
 * Ink hands over a run of plain characters read in one chunk as a single input ("\rq\r" when keys
 * are typed faster than a frame, or pasted). A command-driven screen needs them one key at a time,
 * in order, so each one acts on the screen the previous one produced.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const chars = [...input];
  // Any flag set (ctrl, meta, an arrow, …) means Ink parsed a single special key, not a run.
  const flagged = Object.values(key).some((value) => value === true);
  return chars.length <= 1 || flagged ? [[input, key]] : chars.map(singleKey);
}
