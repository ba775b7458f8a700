// Streams a job's logs into a LogBuffer and re-renders at most once per buffer flush.
import {useEffect, useMemo, useState, useSyncExternalStore} from 'react';
import {LogBuffer} from '../logs/log-buffer.js';
import {JobLogStream, type StreamState} from '../logs/job-log-stream.js';
import type {Session} from '../vertex/session.js';

export function useJobLogs(session: Session, jobId: string) {
  const buffer = useMemo(() => new LogBuffer(), []);
  const [streamState, setStreamState] = useState<{state: StreamState; detail?: string}>({
    state: 'connecting',
  });
  useEffect(() => {
    const stream = new JobLogStream(session.api.logging, buffer, {
      project: session.backend.project,
      jobId,
      onState: (state, detail) => setStreamState({state, ...(detail && {detail})}),
    });
    stream.start();
    return () => {
      stream.stop();
      buffer.dispose();
    };
  }, [session, jobId, buffer]);
  const version = useSyncExternalStore(
    (listener) => buffer.subscribe(listener),
    () => buffer.snapshot().version,
  );
  return {buffer, version, streamState};
}
