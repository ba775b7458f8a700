import {describe, expect, it} from 'vitest';
import {helpLines} from '../../../source/ui/shell/Help.js';
import {Keymap} from '../../../source/ui/shell/keys/keymap.js';

// The help of each screen as it read before the job actions became one shared scope.
const JOB_LIST = [
  'Job list',
  "  enter          open the job's dashboard",
  '  d              describe the job (its resource as YAML)',
  "  l              open the job's dashboard on its logs: full screen, following the newest lines",
  '  x              cancel the job (asks first) — not now: the job has already ended',
  '  c              clone the job into the wizard',
  '  n              configure a new job',
  "  y              copy the job's resource name (OSC 52)",
  "  o              show the job's Cloud console URL",
  '  /              filter the loaded jobs by text',
  '  f              server filter (e.g. state=JOB_STATE_FAILED, labels.team=x)',
  '  t              show all types / custom jobs / tuning jobs / pipelines',
  '  s              sort by the next column',
  '  S              reverse the sort order',
  '  r              refresh now (it also refreshes on its own)',
  '  P              persistent resources: warm machine pools jobs can run on',
  'Moving around',
  '  q / esc        go back (on the job list: quit)',
  '  ↑ / k          move up',
  '  ↓ / j          move down',
  '  pgup / ctrl+b  page up',
  '  pgdn / ctrl+f  page down',
  '  home / g       go to the top',
  '  end / G        go to the bottom',
  'Everywhere',
  '  ctrl+c         quit vtrain-tui',
  '  ?              show the keys of this screen',
  'Keys can be changed in the settings file: {"keys": {"jobs.cancel": "X"}}',
];

const JOB_LIST_READ_ONLY = [
  'Job list',
  "  enter          open the job's dashboard",
  '  d              describe the job (its resource as YAML)',
  "  l              open the job's dashboard on its logs: full screen, following the newest lines",
  '  x              cancel the job (asks first) — hidden: read-only mode',
  '  c              clone the job into the wizard — hidden: read-only mode',
  '  n              configure a new job — hidden: read-only mode',
  "  y              copy the job's resource name (OSC 52)",
  "  o              show the job's Cloud console URL",
  '  /              filter the loaded jobs by text',
  '  f              server filter (e.g. state=JOB_STATE_FAILED, labels.team=x)',
  '  t              show all types / custom jobs / tuning jobs / pipelines',
  '  s              sort by the next column',
  '  S              reverse the sort order',
  '  r              refresh now (it also refreshes on its own)',
  '  P              persistent resources: warm machine pools jobs can run on',
  'Moving around',
  '  q / esc        go back (on the job list: quit)',
  '  ↑ / k          move up',
  '  ↓ / j          move down',
  '  pgup / ctrl+b  page up',
  '  pgdn / ctrl+f  page down',
  '  home / g       go to the top',
  '  end / G        go to the bottom',
  'Everywhere',
  '  ctrl+c         quit vtrain-tui',
  '  ?              show the keys of this screen',
  'Read-only mode (--read-only): every action that changes something is hidden.',
  'Keys can be changed in the settings file: {"keys": {"jobs.cancel": "X"}}',
];

const DASHBOARD = [
  'Job dashboard',
  '  x              cancel the job (asks first) — not now: the job has already ended',
  '  c              clone the job into the wizard',
  '  d              describe the job (its resource as YAML)',
  "  y              copy the job's resource name (OSC 52)",
  '  pgup / ctrl+b  scroll the logs up a page',
  '  pgdn / ctrl+f  scroll the logs down a page',
  '  f              follow the newest log lines',
  '  tab            move between the replica table and the logs',
  '  a              logs of all replicas / of the selected replica only',
  '  w              wrap long log lines (or cut them at the edge)',
  "  t              show each line's timestamp",
  '  p              JSON log entries as indented JSON / on one line',
  '  m              give the logs the whole screen (hide the replica table) / show it again',
  '  v              minimum severity shown: all → INFO → WARNING → ERROR',
  '  /              search the logs (text, or /regex/); matches are highlighted',
  '  n              next search match',
  '  N              previous search match',
  '  e              jump to the next error line',
  '  E              jump to the previous error line',
  "  T              jump to the failed replica's last traceback",
  '  s              save the shown lines (filters applied) to a file',
  '  S              save every line held in memory to a file',
  '  !              shell in the selected replica (local: its folder or container; Vertex: web link)',
  '  o              sort the trials by id / by the study metric (best first)',
  "  enter          open the trial's replicas and logs",
  'Moving around',
  '  q / esc        go back (on the job list: quit)',
  '  ↑ / k          move up',
  '  ↓ / j          move down',
  '  home / g       go to the top',
  '  end / G        go to the bottom',
  'Everywhere',
  '  ctrl+c         quit vtrain-tui',
  '  ?              show the keys of this screen',
  'Keys can be changed in the settings file: {"keys": {"jobs.cancel": "X"}}',
];

const WIZARD = [
  'Wizard',
  '  → / +          increase the value',
  '  ← / -          decrease the value',
  '  tab            next step (what is entered is kept)',
  '  shift+tab      previous step (what is entered is kept)',
  '  p              container and compute steps: edit the next worker pool',
  '  a              add: a study parameter, or a worker pool in the selected slot',
  '  x / del        delete the selected study parameter or worker pool',
  '  r              worker pools: add a Reduction Server pool (recommended image and machine)',
  '  l              first step: load a saved preset (its values replace the ones shown)',
  '  v              review: show the summary, the request JSON, the --config YAML or the gcloud command',
  '  e              review: go to the field of the next problem',
  '  o              review: open the selected step to change it',
  '  w              review: write the --config YAML (or REST JSON) file; in the gcloud view, the command as a script',
  '  s              review: save the job as a named preset',
  'Moving around',
  '  q / esc        go back (on the job list: quit)',
  '  ↑ / k          move up',
  '  ↓ / j          move down',
  '  enter          choose',
  '  pgup / ctrl+b  page up',
  '  pgdn / ctrl+f  page down',
  '  home / g       go to the top',
  '  end / G        go to the bottom',
  'Everywhere',
  '  ctrl+c         quit vtrain-tui',
  '  ?              show the keys of this screen',
  'Keys can be changed in the settings file: {"keys": {"jobs.cancel": "X"}}',
];

const text = (lines: ReturnType<typeof helpLines>) => lines.map((line) => line.text);

describe('helpLines', () => {
  const keymap = new Keymap();

  it('lists the job list keys with the job actions in their places', () => {
    expect(
      text(helpLines(keymap, 'jobs', {'jobs.cancel': 'the job has already ended'}, false)),
    ).toEqual(JOB_LIST);
    expect(text(helpLines(keymap, 'jobs', {}, true))).toEqual(JOB_LIST_READ_ONLY);
  });

  it('lists the dashboard keys with its job actions first', () => {
    expect(
      text(helpLines(keymap, 'dashboard', {'jobs.cancel': 'the job has already ended'}, false)),
    ).toEqual(DASHBOARD);
  });

  it('lists the wizard keys', () => {
    expect(text(helpLines(keymap, 'wizard', {}, false))).toEqual(WIZARD);
  });
});
