// A cancel RPC answers at once and lets the cancel run on (Vertex's "Starts asynchronous
// cancellation on the CustomJob", job_service.proto CancelCustomJob; the same for the others). A
// record write that fails meanwhile for a reason other than a full disk (which the stores live
// through, records/disk-space.ts) must neither leave the job half-cancelled nor reach the process
// as an unhandled rejection: the cancel goes on to end the job, then the failure is reported in
// one line of the service log.

/** One line of the service log (standard error of `emulator serve`, in the data folder). */
export type ServiceLog = (message: string) => void;

/** Runs a step whose record write may fail; returns that failure so the cancel can go on first. */
export function attempt(step: () => void): {error: unknown} | undefined {
  try {
    step();
    return undefined;
  } catch (error) {
    return {error};
  }
}

/** Lets a cancel run on its own, reporting a failure as one service-log line naming the job. */
export function cancelInBackground(cancel: Promise<void>, name: string, log: ServiceLog): void {
  cancel.catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    log(`cancelling ${name}: a record could not be written (${reason}); the job still ends.`);
  });
}
