// Vertex gives replicas the project *number* in CLOUD_ML_PROJECT_ID. The emulator has no project
// registry, so it derives a stable 12-digit number from the project id (the first 48 bits of
// SHA-256 of the id, folded into 100000000000-999999999999): the same id always gives the same
// number, on every machine.
import {createHash} from 'node:crypto';

export function projectNumberOf(projectId: string): string {
  const digest = createHash('sha256').update(projectId).digest();
  const value = digest.readUIntBE(0, 6) % 900_000_000_000;
  return String(100_000_000_000 + value);
}

/** The last service log line of a failed job, with the console logs URL, as Vertex writes it. */
export function findOutMoreLine(projectNumber: string, jobId: string): string {
  const filter = encodeURIComponent(`resource.type="ml_job"\nresource.labels.job_id="${jobId}"`);
  return `To find out more about why your job exited please check the logs: https://console.cloud.google.com/logs/viewer?project=${projectNumber}&resource=ml_job%2Fjob_id%2F${jobId}&advancedFilter=${filter}`;
}
