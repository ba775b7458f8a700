// The job list's keys: maps each command of the 'jobs' scope to a change of its state
// (job-list-state.ts), a prompt (filters), a refresh or a route (dashboard, wizard), attaches the
// job commands (job-actions/) for the selected job, and says which keys the hint bar shows and
// which are disabled, and why.
import type {Dispatch} from 'react';
import {useCommands, useKeymap, useKeyRouter} from '../../shell/keys/key-dispatcher.js';
import {useAppContext} from '../../shell/session-context.js';
import {usePrompt} from '../../shell/dialogs.js';
import {isListMove} from '../../shell/list-cursor.js';
import {useNavigator} from '../../shell/navigator.js';
import {useJobActions} from '../../job-actions/use-job-actions.js';
import {jobCommands as jobCommandRecords} from '../../job-actions/job-commands.js';
import type {JobSummary} from '../../../services/jobs/job-summary.js';
import {isCachedRow} from '../../../services/jobs/job-list-cache.js';
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
  const selected = shown[index];
  const actions = useJobActions(list.refresh);
  const jobCommands = jobCommandRecords(useKeymap(), selected, actions);
  // A cached row opens the dashboard on the job as the backend answers it now.
  const open = (job: JobSummary) =>
    navigator.push('dashboard', {kind: job.kind, resource: job.resource});

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
        case 'jobs.open':
          if (selected && isCachedRow(selected)) actions.reread(selected, open);
          else if (selected) open(selected);
          return;
        case 'jobs.new':
          return navigator.push('wizard', {
            draft: app.newJobDraft,
            ...(app.newJobOrigin && {prefill: app.newJobOrigin}),
          });
        case 'jobs.persistentResources':
          return navigator.push('resources', {});
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
        ...(!selected && {'jobs.open': 'no job selected'}),
        ...(!ready && {
          'jobs.refresh': 'the backend is still starting',
          'jobs.persistentResources': 'the backend is still starting',
        }),
      },
      // The job actions (d, l, x, c, y, o) on the selected job.
      attach: jobCommands,
    },
  );
}
