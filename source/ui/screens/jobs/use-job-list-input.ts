// The job list's keys: maps each command of the 'jobs' scope to a change of its state
// (job-list-state.ts), a prompt (filters), a refresh, a route (dashboard, wizard) or a job action
// on the selected job, and says which keys the hint bar shows and which are disabled, and why.
import type {Dispatch} from 'react';
import {useCommands, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {useAppContext} from '../../shell/session-context.js';
import {usePrompt} from '../../shell/dialogs.js';
import {isListMove} from '../../shell/list-cursor.js';
import {useNavigator} from '../../shell/navigator.js';
import {cancelUnavailable, useJobActions} from '../../job-actions/use-job-actions.js';
import type {JobSummary} from '../../../services/jobs/job-summary.js';
import {jobTablePage, type JobListAction, type JobListState} from './job-list-state.js';
import type {JobListData} from './use-job-list.js';

export interface JobListInput {
  state: JobListState;
  dispatch: Dispatch<JobListAction>;
  /** The rows shown (filtered and sorted) and the selected one's index. */
  shown: readonly JobSummary[];
  index: number;
  /** Job rows the table shows. */
  tableRows: number;
  list: JobListData;
  /** The backend is ready to list jobs. */
  ready: boolean;
}

export function useJobListInput({
  state,
  dispatch,
  shown,
  index,
  tableRows,
  list,
  ready,
}: JobListInput): void {
  const app = useAppContext();
  const navigator = useNavigator();
  const router = useKeyRouter();
  const prompt = usePrompt();
  const actions = useJobActions(list.refresh);
  const selected = shown[index];
  const cancelWhy = cancelUnavailable(selected);
  const noJob = selected ? undefined : 'no job selected';

  useCommands(
    (command) => {
      if (isListMove(command)) {
        dispatch({
          type: 'move',
          move: command,
          from: index,
          rows: shown,
          page: jobTablePage(tableRows),
        });
        return;
      }
      switch (command) {
        case 'nav.back':
          return navigator.pop();
        // The job actions, on the selected job.
        case 'jobs.open':
        case 'jobs.logs':
          if (selected)
            navigator.push('dashboard', {
              kind: selected.kind,
              resource: selected.resource,
              ...(command === 'jobs.logs' && {logsFirst: true}),
            });
          return;
        case 'jobs.describe':
          if (selected) actions.describe(selected);
          return;
        case 'jobs.cancel':
          if (selected) void actions.cancel(selected);
          return;
        case 'jobs.clone':
          if (selected) actions.clone(selected);
          return;
        case 'jobs.copyName':
          if (selected) actions.copyName(selected);
          return;
        case 'jobs.consoleUrl':
          if (selected) actions.showConsoleUrl(selected);
          return;
        // The list itself.
        case 'jobs.new':
          return navigator.push('wizard', {
            draft: app.newJobDraft,
            ...(app.newJobOrigin && {prefill: app.newJobOrigin}),
          });
        case 'jobs.refresh':
          router.say('refreshing…');
          return list.refresh();
        case 'jobs.type':
          return dispatch({type: 'cycleType'});
        case 'jobs.sort':
          return dispatch({type: 'cycleSort'});
        case 'jobs.sortReverse':
          return dispatch({type: 'reverseSort'});
        case 'jobs.filter':
          void prompt({
            label: 'Filter loaded jobs:',
            initial: state.view.text,
            placeholder: 'text in name, id, state, labels…',
          }).then((text) => text !== undefined && dispatch({type: 'filterText', text}));
          return;
        case 'jobs.serverFilter':
          void prompt({
            label: 'Server filter:',
            initial: state.serverFilter,
            placeholder:
              'failed | state="JOB_STATE_RUNNING" | display_name="x" | labels.team="a" | create_time>"2026-11-01T00:00:00Z"',
          }).then((text) => text !== undefined && dispatch({type: 'serverFilter', text}));
          return;
      }
    },
    {
      hints: [
        'jobs.open',
        'jobs.describe',
        'jobs.cancel',
        'jobs.clone',
        'jobs.new',
        'jobs.filter',
        'jobs.sort',
        'jobs.type',
      ],
      disabled: {
        ...(noJob && {
          'jobs.open': noJob,
          'jobs.logs': noJob,
          'jobs.describe': noJob,
          'jobs.clone': noJob,
          'jobs.copyName': noJob,
          'jobs.consoleUrl': noJob,
        }),
        ...(cancelWhy && {'jobs.cancel': cancelWhy}),
        ...(!ready && {'jobs.refresh': 'the backend is still starting'}),
      },
    },
  );
}
