// What a job action needs to know of a job, whichever screen shows it.
import type {JobState} from '../../core/job-spec/index.js';
import type {JobKind, ResourceMessage} from '../../services/vertex/api.js';

export interface JobRef {
  kind: JobKind;
  name: string;
  displayName: string;
  state: JobState;
  resource: ResourceMessage;
}
