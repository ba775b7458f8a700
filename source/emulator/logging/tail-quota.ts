// Cloud Logging's limit on open live tails: "Number of open live-tailing sessions: 10 per Google
// Cloud project" (https://cloud.google.com/logging/quotas). One more TailLogEntries session is
// refused with RESOURCE_EXHAUSTED, which gcloud reports as "There are too many tail sessions
// open." (googlecloudsdk/api_lib/logging/tailing.py). Google does not document the details of
// that refusal; they are given the shape Logging uses for its read quota (google.rpc.ErrorInfo
// RATE_LIMIT_EXCEEDED, domain googleapis.com, metadata consumer/service/quota_limit_value, as
// quoted from a real answer in snarfed/bridgy-fed#620) plus a QuotaFailure naming the project.
// The app relies on the code alone (services/logs/live-tail.ts).
import * as grpc from '@grpc/grpc-js';
import {RpcError} from '../rpc/grpc-errors.js';
import {statusDetailsMetadata} from '../rpc/rpc-status.js';

export const TAIL_SESSIONS_PER_PROJECT = 10;

/** `projects/p`, `folders/f`, …: the resource a tail's quota is counted on. */
function quotaKey(resourceName: string): string {
  return resourceName.split('/').slice(0, 2).join('/');
}

export class TailQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit = TAIL_SESSIONS_PER_PROJECT) {}

  /** Takes one session on every resource named; throws RESOURCE_EXHAUSTED when one is full. */
  acquire(resourceNames: string[]): () => void {
    const keys = [...new Set(resourceNames.map(quotaKey))];
    const full = keys.find((key) => (this.open.get(key) ?? 0) >= this.limit);
    if (full) throw this.refusal(full);
    for (const key of keys) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of keys) {
        const count = (this.open.get(key) ?? 1) - 1;
        if (count > 0) this.open.set(key, count);
        else this.open.delete(key);
      }
    };
  }

  private refusal(resource: string): RpcError {
    const number = process.env.VTRAIN_EMULATOR_PROJECT_NUMBER ?? '000000000000';
    const message =
      `Quota exceeded: ${resource} already has ${this.limit} open live-tailing sessions, the ` +
      `most Cloud Logging allows (https://cloud.google.com/logging/quotas). Close one, or read ` +
      `with entries.list.`;
    return new RpcError(
      grpc.status.RESOURCE_EXHAUSTED,
      message,
      statusDetailsMetadata(grpc.status.RESOURCE_EXHAUSTED, message, [
        {type: 'QuotaFailure', violations: [{subject: resource, description: message}]},
        {
          type: 'ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: {
            consumer: `projects/${number}`,
            service: 'logging.googleapis.com',
            quota_limit_value: String(this.limit),
          },
        },
      ]),
    );
  }
}
