// Worker-thread entry (bundled as dist/vertex-worker.js): owns the official clients and answers
// the UI thread's calls. Loading the clients takes seconds of synchronous work; here it runs on
// the other core while the UI stays responsive.
import {parentPort, workerData} from 'node:worker_threads';
import {invokeApiMethod, type TailHandle, type VertexApi} from './api.js';
import {startMemoryTrace} from '../../core/diagnostics/memory-trace.js';
import {quietOffGoogleCloud} from './clients.js';
import {probeCredentials} from './credential-probe.js';
import {createOfficialApi} from './official-api.js';
import {
  serializeError,
  type FromWorker,
  type ToWorker,
  type WorkerInit,
} from './worker-protocol.js';

startMemoryTrace('api-worker');
const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
const tails = new Map<number, TailHandle>();

function serve(clients: VertexApi): void {
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'call':
        invokeApiMethod(clients, message.method, message.args).then(
          (value) => send({type: 'result', id: message.id, value}),
          (error: unknown) => send({type: 'failure', id: message.id, error: serializeError(error)}),
        );
        break;
      case 'tail-open':
        tails.set(
          message.id,
          clients.logging.tailLogEntries(message.request, {
            onData: (response) => send({type: 'tail-data', id: message.id, response}),
            onEnd: (reason, error) => {
              tails.delete(message.id);
              send({type: 'tail-end', id: message.id, reason, ...(error && {error})});
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
async function start(): Promise<{clients: VertexApi; identity?: string}> {
  quietOffGoogleCloud(backend);
  // Vertex mode checks the credentials first, so their absence is reported in seconds.
  const probed = backend.kind === 'vertex' ? await probeCredentials(backend.project) : {};
  return {clients: await createOfficialApi(backend), ...probed};
}
start().then(
  ({clients, identity}) => {
    serve(clients);
    send({type: 'ready', ...(identity && {identity})});
  },
  (error: unknown) => send({type: 'init-failed', error: serializeError(error)}),
);
