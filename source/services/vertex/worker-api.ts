// UI-thread side of the client worker: the api.ts surface, each call forwarded to the official
// clients in client-worker.ts. The UI never loads google-gax or protobufjs itself.
import {Worker} from 'node:worker_threads';
import {ApiError, forwardingNamespace, type TailHandlers, type VertexApi} from './api.js';
import type {Backend} from './connection.js';
import type {
  CallMethod,
  FromWorker,
  SerializedError,
  ToWorker,
  WorkerInit,
} from './worker-protocol.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

const toError = (error: SerializedError) =>
  new ApiError(error.message, error.code, error.details, error);

export interface WorkerApi extends VertexApi {
  /** Whose credentials the worker uses, when they name an identity (Vertex mode). */
  identity?: string;
}

export async function createWorkerApi(backend: Backend, workerScript: string): Promise<WorkerApi> {
  const init: WorkerInit = {backend};
  // The worker's output must never reach the terminal (it would tear the UI): keep its tail for
  // error messages instead. Loading the clients makes a young generation grow to its maximum
  // (64 MB semi-spaces on Node 24) and stay there; 48 MB in all (16 MB semi-spaces, as on
  // Node 20) keeps the worker's heap at 84-93 MB committed on Node 24 instead of 123-125 MB
  // (bench/README.md, 2026-12-02, session 6).
  const worker = new Worker(workerScript, {
    workerData: init,
    stdout: true,
    stderr: true,
    resourceLimits: {maxYoungGenerationSizeMb: 48},
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 20));
  };
  worker.stdout.on('data', keep);
  worker.stderr.on('data', keep);
  const withOutput = (message: string) =>
    output.length ? `${message} (worker said: ${output.slice(-3).join(' | ')})` : message;
  const pending = new Map<number, Pending>();
  const tails = new Map<number, TailHandlers>();
  let nextId = 1;
  let fatal: Error | undefined;
  const post = (message: ToWorker) => worker.postMessage(message);

  const failEverything = (error: Error) => {
    fatal ??= error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
    for (const tail of tails.values()) tail.onEnd(error.message);
    tails.clear();
  };

  let identity: string | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready':
          identity = message.identity;
          resolve();
          break;
        case 'init-failed':
          reject(toError(message.error));
          break;
        case 'result':
          pending.get(message.id)?.resolve(message.value);
          pending.delete(message.id);
          break;
        case 'failure':
          pending.get(message.id)?.reject(toError(message.error));
          pending.delete(message.id);
          break;
        case 'tail-data':
          tails.get(message.id)?.onData(message.response);
          break;
        case 'tail-end':
          tails.get(message.id)?.onEnd(message.reason, message.error);
          tails.delete(message.id);
          break;
        case 'closed':
          break;
      }
    });
    worker.on('error', (error) => {
      const failure = new Error(withOutput(`the API worker failed: ${error.message}`));
      reject(failure);
      failEverything(failure);
    });
    worker.on('exit', (code) => {
      const error = new Error(withOutput(`the API worker exited (code ${code})`));
      reject(error);
      failEverything(error);
    });
  });
  await ready;

  const call = (method: CallMethod, args: unknown[]): Promise<unknown> => {
    if (fatal) return Promise.reject(fatal);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, {resolve, reject});
      post({type: 'call', id, method, args});
    });
  };

  return {
    ...(identity && {identity}),
    jobs: forwardingNamespace('jobs', call),
    datasets: forwardingNamespace('datasets', call),
    persistentResources: forwardingNamespace('persistentResources', call),
    logging: {
      ...forwardingNamespace('logging', call),
      tailLogEntries(request, handlers) {
        const id = nextId++;
        if (fatal) {
          queueMicrotask(() => handlers.onEnd(fatal!.message));
          return {close() {}};
        }
        tails.set(id, handlers);
        post({type: 'tail-open', id, request});
        return {
          close() {
            if (tails.delete(id)) post({type: 'tail-close', id});
          },
        };
      },
    },
    async close() {
      if (fatal) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      post({type: 'close'});
      // The worker closes its channels, then its port; terminate if it hangs.
      const timer = setTimeout(() => void worker.terminate(), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
