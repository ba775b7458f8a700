// Screens tell each other that a job reached a terminal state: the dashboard reads its job with
// Get (fresh) and says so here, and the job list, paused underneath it, puts that state on the
// job's row at once and refreshes, instead of showing RUNNING until its next list call (and,
// on Vertex, a List that may lag behind Get). A terminal state is final (google.cloud.aiplatform.v1
// JobState: SUCCEEDED, FAILED, CANCELLED, EXPIRED), so a later list row saying otherwise is stale.
import type {JobSummary} from '../../services/vertex/job-snapshot.js';

type Listener = (job: JobSummary) => void;

const listeners = new Set<Listener>();

export function announceSettled(job: JobSummary): void {
  for (const listener of listeners) listener(job);
}

export function onJobSettled(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
