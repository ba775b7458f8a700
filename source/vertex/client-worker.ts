// Worker-thread entry (bundled as dist/vertex-worker.js): owns the official clients and answers
// the UI thread's calls. Loading the clients takes seconds of synchronous work; here it runs on
// the other core while the UI stays responsive.
import {parentPort, workerData} from 'node:worker_threads';
import type {VertexApi, TailHandle} from './api.js';
import {createOfficialApi} from './official-api.js';
import {
  serializeError,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './worker-protocol.js';

const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
const tails = new Map<number, TailHandle>();

async function call(clients: VertexApi, method: string, args: unknown[]): Promise<unknown> {
  switch (method) {
    case 'jobs.createCustomJob':
      return clients.jobs.createCustomJob(args[0] as never);
    case 'jobs.getCustomJob':
      return clients.jobs.getCustomJob(args[0] as string);
    case 'jobs.listCustomJobs':
      return clients.jobs.listCustomJobs(args[0] as string, args[1] as string | undefined);
    case 'jobs.cancelCustomJob':
      return clients.jobs.cancelCustomJob(args[0] as string);
    case 'jobs.ping':
      return clients.jobs.ping(args[0] as string);
    case 'logging.listLogEntries':
      return clients.logging.listLogEntries(args[0] as never);
    default:
      throw new Error(`unknown client method ${method}`);
  }
}

function serve(clients: VertexApi): void {
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'call':
        call(clients, message.method, message.args).then(
          (value) => send({type: 'result', id: message.id, value}),
          (error: unknown) => send({type: 'failure', id: message.id, error: serializeError(error)}),
        );
        break;
      case 'tail-open':
        tails.set(
          message.id,
          clients.logging.tailLogEntries(message.request, {
            onData: (response) => send({type: 'tail-data', id: message.id, response}),
            onEnd: (reason) => {
              tails.delete(message.id);
              send({type: 'tail-end', id: message.id, reason});
            },
          }),
        );
        break;
      case 'tail-close':
        tails.get(message.id)?.close();
        tails.delete(message.id);
        break;
      case 'close':
        for (const tail of tails.values()) tail.close();
        tails.clear();
        void clients.close().finally(() => {
          send({type: 'closed'});
          port.close();
        });
        break;
    }
  });
}

const {backend} = workerData as WorkerInit;
createOfficialApi(backend).then(
  (clients) => {
    serve(clients);
    send({type: 'ready'});
  },
  (error: unknown) => send({type: 'init-failed', error: serializeError(error)}),
);
