// The job dashboard's keys: maps each command of the 'dashboard' scope to a change of its state
// (dashboard-state.ts), a move of the log pane (use-log-navigation.ts) or a prompt (search, save),
// attaches the job commands (job-actions/) for the job, and says which keys the hint bar shows and
// which are disabled, and why.
import type {Dispatch} from 'react';
import {useCommands, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import type {Command} from '../../shell/keys/keymap.js';
import {usePrompt} from '../../shell/dialogs.js';
import {isListMove, type ListMove} from '../../shell/list-cursor.js';
import {useJobCommands} from '../../job-actions/use-job-actions.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import {saveLog} from '../../../services/logs/save-log.js';
import type {LineStore} from '../../../services/logs/line-store.js';
import type {LogLine} from '../../../services/vertex/log-line.js';
import type {DashboardLayout} from './dashboard-layout.js';
import type {DashboardAction, DashboardState} from './dashboard-state.js';
import {payloadExtras, searchText} from './json-payload.js';
import {passes, type LineFilter} from './log-window.js';
import {parseSearch} from './search.js';
import type {LogNavigation} from './use-log-navigation.js';

export interface DashboardInput {
  state: DashboardState;
  dispatch: Dispatch<DashboardAction>;
  layout: DashboardLayout;
  /** Replicas the table lists. */
  replicas: number;
  nav: LogNavigation;
  /** The log pane's filter (what `s` saves). */
  filter: LineFilter;
  store: LineStore;
  /** The job's id, for the default file name of a save. */
  jobId: string;
  /** The failed replica's last traceback, when there is one. */
  traceback: LogLine[] | undefined;
  /** The job the actions act on (this one, or the pipeline that owns it). */
  job: JobSummary;
  /** `!`: a shell in the selected replica (use-replica-shell.ts). */
  shell: {unavailable?: string; open(): void};
  /** After a cancel: poll the job(s) soon. */
  onCancelled: () => void;
  onBack: () => void;
}

/** The page- and line-scroll commands of the dashboard scope, as list moves. */
const SCROLL_MOVES: Partial<Record<Command, ListMove>> = {
  'logs.scrollUp': 'nav.pageUp',
  'logs.scrollDown': 'nav.pageDown',
};

export function useDashboardInput({
  state,
  dispatch,
  layout,
  replicas,
  nav,
  filter,
  store,
  jobId,
  traceback,
  job,
  shell,
  onCancelled,
  onBack,
}: DashboardInput): void {
  const router = useKeyRouter();
  const prompt = usePrompt();
  const jobCommands = useJobCommands(job, onCancelled);
  const {search, focus, maximized} = state;

  const save = async (all: boolean) => {
    const target = await prompt({
      label: all ? 'save every line to' : 'save the shown lines to',
      initial: `vtrain-${jobId}-logs.txt`,
    });
    if (!target) return;
    const held = all ? store.lines() : [...store.lines()].filter((line) => passes(line, filter));
    // As the pane shows them: a jsonPayload's other fields after its message.
    const lines = (function* () {
      for (const line of held) {
        const extras = payloadExtras(line);
        yield extras ? {...line, message: `${line.message} ${extras}`} : line;
      }
    })();
    try {
      const written = await saveLog(target, lines);
      router.say(`saved to ${written}`);
    } catch (error) {
      router.say(`could not save: ${(error as Error).message}`);
    }
  };
  const askSearch = async () => {
    const text = await prompt({label: 'search (text or /regex/)', initial: search?.text ?? ''});
    if (text === undefined) return;
    if (text === '') {
      dispatch({type: 'search', search: undefined});
      return;
    }
    const parsed = parseSearch(text);
    dispatch({type: 'search', search: {text, ...parsed}});
    if (parsed.regex) nav.find(-1, (l) => parsed.regex!.test(searchText(l)), 'match');
    else router.say(parsed.error ?? '');
  };

  useCommands(
    (command: Command) => {
      const move = SCROLL_MOVES[command] ?? (isListMove(command) ? command : undefined);
      if (move) {
        // The focused pane moves: the replica selection a table page at a time, or the logs.
        if (focus === 'replicas')
          dispatch({type: 'moveSelection', move, count: replicas, page: layout.tableHeight});
        else nav.move(move);
        return;
      }
      switch (command) {
        case 'nav.back':
          onBack();
          return;
        case 'logs.follow':
          nav.follow();
          return;
        case 'dash.focus':
          if (!layout.showTable) return; // disabled, with the reason, below
          dispatch({type: 'toggleFocus'});
          return;
        case 'logs.maximize':
          dispatch({type: 'toggleMaximized'});
          return;
        case 'logs.prettyJson':
          dispatch({type: 'toggle', option: 'prettyJson'});
          return;
        // enter is `trials.open` in the dashboard scope (it shadows nav.confirm there); on the
        // replica table it shows that replica's logs.
        case 'nav.confirm':
        case 'trials.open':
          if (focus === 'replicas') {
            dispatch({type: 'showSelectedReplica'});
            nav.follow();
          }
          return;
        case 'logs.scope':
          dispatch({type: 'toggle', option: 'onlySelected'});
          nav.follow();
          return;
        case 'logs.wrap':
          dispatch({type: 'toggle', option: 'wrap'});
          return;
        case 'logs.timestamps':
          dispatch({type: 'toggle', option: 'timestamps'});
          return;
        case 'logs.severity':
          dispatch({type: 'stepSeverity'});
          nav.follow();
          return;
        case 'logs.search':
          void askSearch();
          return;
        case 'logs.nextMatch':
        case 'logs.prevMatch': {
          const regex = search?.regex;
          if (!regex) {
            router.say('no search yet: / searches');
            return;
          }
          const direction = command === 'logs.nextMatch' ? 1 : -1;
          nav.find(direction, (l) => regex.test(searchText(l)), 'more matches');
          return;
        }
        case 'logs.nextError':
        case 'logs.prevError': {
          const direction = command === 'logs.nextError' ? 1 : -1;
          nav.find(direction, (l) => l.level >= 500, 'more error lines');
          return;
        }
        case 'logs.traceback':
          if (traceback?.[0]) {
            dispatch({type: 'showAllReplicas'});
            nav.jumpTo(traceback[0], 'traceback');
          } else router.say('no traceback found in the failed replica’s logs');
          return;
        case 'dash.shell':
          shell.open();
          return;
        case 'logs.save':
        case 'logs.saveAll':
          void save(command === 'logs.saveAll');
          return;
      }
    },
    {
      hints: [
        'nav.back',
        ...(maximized ? (['logs.maximize'] as const) : (['dash.focus'] as const)),
        'logs.search',
        'logs.nextError',
        ...(traceback ? (['logs.traceback'] as const) : []),
        'logs.follow',
        'logs.scope',
        'logs.severity',
        'logs.save',
        ...(shell.unavailable === undefined ? (['dash.shell'] as const) : []),
        'jobs.cancel',
        'jobs.describe',
      ],
      disabled: {
        ...(!layout.showTable && {
          'dash.focus': maximized
            ? 'the logs have the whole screen (m shows the replica table)'
            : 'this job has no replicas to list',
        }),
        ...(!traceback && {'logs.traceback': 'no failed replica with a traceback'}),
        ...(shell.unavailable !== undefined && {'dash.shell': shell.unavailable}),
        ...(!search?.regex && {
          'logs.nextMatch': 'search first (/)',
          'logs.prevMatch': 'search first (/)',
        }),
      },
      // The job actions (x, c, d, y), on this job or the pipeline that owns it.
      attach: jobCommands,
    },
  );
}
