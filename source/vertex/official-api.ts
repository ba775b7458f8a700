// The official clients behind the narrow API of api.ts. The app runs this module inside the API
// worker (client-worker.ts) so that loading the clients never blocks the UI thread.
import type {
  CustomJobMessage,
  JobsApi,
  LogEntryMessage,
  LoggingApi,
  TailResponse,
  VertexApi,
} from './api.js';
import {createClients, type JobServiceClient, type LoggingServiceClient} from './clients.js';
import type {Backend} from './connection.js';

interface DuplexLike {
  write(message: unknown): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  cancel?: () => void;
  destroy(): void;
}

export function officialJobsApi(client: JobServiceClient): JobsApi {
  return {
    async createCustomJob(request) {
      const [job] = await client.createCustomJob(request as never);
      return job as CustomJobMessage;
    },
    async getCustomJob(name) {
      const [job] = await client.getCustomJob({name});
      return job as CustomJobMessage;
    },
    async listCustomJobs(parent, filter) {
      const [jobs] = await client.listCustomJobs(
        {parent, ...(filter && {filter})},
        {autoPaginate: true},
      );
      return jobs as CustomJobMessage[];
    },
    async cancelCustomJob(name) {
      await client.cancelCustomJob({name});
    },
    async ping(parent) {
      await client.listCustomJobs({parent, pageSize: 1}, {autoPaginate: false});
    },
  };
}

export function officialLoggingApi(client: LoggingServiceClient): LoggingApi {
  return {
    async listLogEntries(request) {
      const [entries, , response] = await client.listLogEntries(request, {autoPaginate: false});
      return {
        entries: entries as LogEntryMessage[],
        nextPageToken: (response as {nextPageToken?: string} | undefined)?.nextPageToken ?? '',
      };
    },
    tailLogEntries(request, handlers) {
      const stream = client.tailLogEntries() as unknown as DuplexLike;
      let ended = false;
      const end = (reason: string) => {
        if (ended) return;
        ended = true;
        handlers.onEnd(reason);
      };
      stream.on('data', (response: {entries?: unknown[]; suppressionInfo?: unknown[]}) => {
        const suppressed = (response.suppressionInfo ?? []).reduce<number>(
          (sum, info) => sum + Number((info as {suppressedCount?: number}).suppressedCount ?? 0),
          0,
        );
        const message: TailResponse = {
          entries: (response.entries ?? []) as LogEntryMessage[],
          suppressedCount: suppressed,
        };
        handlers.onData(message);
      });
      stream.on('error', (error: Error) => end(error.message));
      stream.on('end', () => end('the tail stream ended'));
      stream.write(request);
      return {
        close() {
          ended = true;
          stream.cancel?.();
          stream.destroy();
        },
      };
    },
  };
}

export async function createOfficialApi(backend: Backend): Promise<VertexApi> {
  const clients = await createClients(backend);
  return {
    jobs: officialJobsApi(clients.jobs),
    logging: officialLoggingApi(clients.logging),
    close: () => clients.close(),
  };
}
