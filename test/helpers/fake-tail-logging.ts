// An in-memory Cloud Logging for log engine unit tests: entries become visible when `write`
// delivers them (possibly long after their timestamp), ListLogEntries answers `timestamp>=` reads
// in (timestamp, insertId) order with page tokens, and at most `tailLimit` TailLogEntries
// sessions may be open at once; one more ends at once with RESOURCE_EXHAUSTED, carrying the
// details `refusal` gives (Cloud Logging's exact details for that refusal are not documented).
import type {
  LogEntryMessage,
  LoggingApi,
  TailEndError,
  TailHandlers,
} from '../../source/services/vertex/api.js';

export interface FakeEntry {
  insertId: string;
  timestamp: {seconds: number; nanos: number};
  textPayload: string;
  severity: string;
  resource: {labels: Record<string, string>};
}

export function entryAt(id: string, ms: number, replica = 'workerpool0-0'): FakeEntry {
  const seconds = Math.floor(ms / 1000);
  return {
    insertId: id,
    timestamp: {seconds, nanos: (ms - seconds * 1000) * 1e6},
    textPayload: `line ${id}`,
    severity: 'INFO',
    resource: {labels: {task_name: replica}},
  };
}

const msOf = (entry: FakeEntry) => entry.timestamp.seconds * 1000 + entry.timestamp.nanos / 1e6;

function compare(a: FakeEntry, b: FakeEntry): number {
  return msOf(a) - msOf(b) || (a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0);
}

export class FakeTailLogging implements LoggingApi {
  readonly stored: FakeEntry[] = [];
  readonly open = new Set<TailHandlers>();
  /** `open N`, `close N`, `refused N` in the order they happened. */
  readonly events: string[] = [];
  private sessions = 0;

  constructor(
    public tailLimit = 10,
    private readonly refusal: TailEndError = {code: 8},
  ) {}

  write(entry: FakeEntry): void {
    this.stored.push(entry);
    this.stored.sort(compare);
    for (const handlers of this.open)
      handlers.onData({entries: [entry as never], suppressedCount: 0});
  }

  async listLogEntries(request: {filter: string; pageSize?: number; pageToken?: string}) {
    const match = /timestamp>="([^"]+)"/.exec(request.filter);
    // Millisecond precision: a little more than asked for, which the engine deduplicates.
    const fromMs = match ? Date.parse(match[1]!) : 0;
    const matching = this.stored.filter((entry) => msOf(entry) >= fromMs);
    const start = Number(request.pageToken || 0);
    const size = request.pageSize || 50;
    const page = matching.slice(start, start + size);
    return {
      entries: page as unknown as LogEntryMessage[],
      nextPageToken: start + size < matching.length ? String(start + size) : '',
    };
  }

  tailLogEntries(_request: unknown, handlers: TailHandlers) {
    const id = ++this.sessions;
    if (this.open.size >= this.tailLimit) {
      this.events.push(`refused ${id}`);
      queueMicrotask(() => handlers.onEnd('There are too many tail sessions open.', this.refusal));
      return {close() {}};
    }
    this.events.push(`open ${id}`);
    this.open.add(handlers);
    return {
      close: () => {
        if (this.open.delete(handlers)) this.events.push(`close ${id}`);
      },
    };
  }
}
