// What the idle timer of the background service looks at: when the owner last called, how many
// calls (log tails included) are open, and how many jobs are unfinished. Observed by a server
// interceptor, so the service handlers stay unaware of it; calls without the key do not count.
import * as grpc from '@grpc/grpc-js';
import {isTerminalState} from '../../core/job-spec/index.js';
import {hasOwnerKey} from '../rpc/auth.js';
import type {RecordStore} from '../records/record-store.js';
import type {JobRecord} from '../custom-job/job-record.js';

export interface EmulatorActivity {
  lastCallMs: number;
  openCalls: number;
  activeJobs: number;
}

export class ActivityTracker {
  private lastCallMs = Date.now();
  private openCalls = 0;

  constructor(
    private readonly key: string,
    private readonly store: RecordStore<JobRecord>,
  ) {}

  readonly interceptor: grpc.ServerInterceptor = (_method, call) => {
    let counted = false;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.openCalls--;
      this.lastCallMs = Date.now();
    };
    return new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMetadata: (metadata, forward) => {
            if (hasOwnerKey(metadata, this.key)) {
              counted = true;
              this.openCalls++;
              this.lastCallMs = Date.now();
            }
            forward(metadata);
          },
          onCancel: done,
        }),
      sendStatus: (status, forward) => {
        done();
        forward(status);
      },
    });
  };

  /** An owner's request that is not a gRPC call (Cloud Storage). */
  touch(): void {
    this.lastCallMs = Date.now();
  }
  /** Counts one authenticated call of another surface (the REST server); returns its end. */
  readonly track = (): (() => void) => {
    this.openCalls++;
    this.lastCallMs = Date.now();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.openCalls--;
      this.lastCallMs = Date.now();
    };
  };

  snapshot(): EmulatorActivity {
    return {
      lastCallMs: this.lastCallMs,
      openCalls: this.openCalls,
      activeJobs: this.store.list().filter((job) => !isTerminalState(job.state)).length,
    };
  }
}
