// A tuning job's trials table's keys: up and down move the selection (trials-state.ts), `s`
// sorts by the metric, enter opens the selected trial's dashboard, and the job commands
// (job-actions/) are attached for the tuning job (or the pipeline that owns it); says which keys
// are hinted and which disabled, why.
import type {Dispatch} from 'react';
import {useCommands} from '../../shell/keys/key-dispatcher.js';
import type {Command} from '../../shell/keys/keymap.js';
import {useNavigator} from '../../shell/navigator.js';
import {useJobCommands} from '../../job-actions/use-job-actions.js';
import type {ResourceMessage} from '../../../services/vertex/api.js';
import type {JobSummary} from '../../../services/vertex/job-snapshot.js';
import type {TrialsAction} from './trials-state.js';

export interface TrialsInput {
  dispatch: Dispatch<TrialsAction>;
  /** Trials shown, and the selected one's id. */
  count: number;
  /** Trial rows the table shows. */
  height: number;
  current: string | undefined;
  /** The tuning job, whose trial enter opens. */
  resource: ResourceMessage;
  /** A trial opens on its logs. */
  logsFirst: boolean | undefined;
  /** The job the actions act on (this one, or the pipeline that owns it). */
  job: JobSummary;
  onCancelled: () => void;
}

export function useTrialsInput({
  dispatch,
  count,
  height,
  current,
  resource,
  logsFirst,
  job,
  onCancelled,
}: TrialsInput): void {
  const navigator = useNavigator();
  const jobCommands = useJobCommands(job, onCancelled);
  useCommands(
    (command: Command) => {
      switch (command) {
        case 'nav.back':
          navigator.pop();
          return;
        // Only a row at a time: the page, top and bottom keys do nothing on the trials table.
        case 'nav.up':
        case 'nav.down':
          dispatch({type: 'move', move: command, count, page: height});
          return;
        case 'trials.sort':
          dispatch({type: 'toggleSort'});
          return;
        case 'trials.open':
        case 'nav.confirm':
          if (current)
            navigator.push('dashboard', {
              kind: 'hptuning',
              resource,
              trialId: current,
              ...(logsFirst && {logsFirst}),
            });
          return;
      }
    },
    {
      hints: ['nav.back', 'trials.open', 'trials.sort', 'jobs.cancel', 'jobs.describe'],
      disabled: {...(!current && {'trials.open': 'no trial yet'})},
      // The job actions (x, c, d, y), on the tuning job or the pipeline that owns it.
      attach: jobCommands,
    },
  );
}
