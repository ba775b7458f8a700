// Local mode's shared emulator service can go away while the app is open (a crash, or
// `vtrain-tui emulator stop` from another terminal). Instead of failing every call from then on,
// the session reconnects: a call that finds the connection gone starts (or finds) the service
// again through `reconnect`, then is retried once on the new connection. Log tails end and are
// reopened by their owner (JobLogStream), which then lands on the new connection.
//
// Creates are the exception: a create that lost its connection may already have created the job,
// so retrying it blindly could make a duplicate. The connection is still replaced, but the error
// goes back to the caller (create-job.ts), which looks for the job by its request-id label first.
import {ApiError, forwardingNamespace, invokeApiMethod, type VertexApi} from './api.js';

const UNAVAILABLE = 14;

/** True when the failure means the backend is unreachable, not that the call was refused. */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof ApiError) return error.code === UNAVAILABLE;
  return error instanceof Error && /the API worker (exited|failed)/.test(error.message);
}

/** Calls that create a resource: not idempotent, so never retried here. */
export function isCreateMethod(method: string): boolean {
  return /^(jobs|persistentResources)\.(create|delete)/.test(method);
}

export interface ReconnectingApi extends VertexApi {
  /** How many times the connection has been replaced. */
  readonly reconnects: number;
}

export function reconnectingApi(
  initial: VertexApi,
  reconnect: () => Promise<VertexApi>,
): ReconnectingApi {
  let current = initial;
  let replacing: Promise<VertexApi> | undefined;
  let reconnects = 0;
  let closed = false;

  const replace = (failed: VertexApi): Promise<VertexApi> => {
    // Another call already moved on to a new connection: just use it.
    if (failed !== current) return Promise.resolve(current);
    replacing ??= (async () => {
      await failed.close().catch(() => undefined);
      const next = await reconnect();
      current = next;
      reconnects += 1;
      return next;
    })().finally(() => {
      replacing = undefined;
    });
    return replacing;
  };

  const call = async <T>(request: (api: VertexApi) => Promise<T>, retry: boolean): Promise<T> => {
    const api = current;
    try {
      return await request(api);
    } catch (error) {
      if (closed || !isConnectionLoss(error)) throw error;
      if (!retry) {
        // Reconnect for the caller's next call (its duplicate check), but never repeat this one.
        await replace(api).catch(() => undefined);
        throw error;
      }
      return request(await replace(api));
    }
  };

  const forward = (method: string, args: unknown[]) =>
    call((api) => invokeApiMethod(api, method, args), !isCreateMethod(method));

  return {
    get reconnects() {
      return reconnects;
    },
    jobs: forwardingNamespace('jobs', forward),
    datasets: forwardingNamespace('datasets', forward),
    persistentResources: forwardingNamespace('persistentResources', forward),
    logging: {
      ...forwardingNamespace('logging', forward),
      tailLogEntries: (request, handlers) => current.logging.tailLogEntries(request, handlers),
    },
    async close() {
      closed = true;
      await replacing?.catch(() => undefined);
      await current.close();
    },
  };
}
