// VTRAIN_MEMORY_TRACE=file: each thread of the app (the UI and the API worker) appends one JSON
// line of its heap figures every 250 ms, so bench/logs.mjs can tell which heap holds what at the
// peak. Off (nothing loaded, no timer) unless the variable is set.
import {appendFileSync} from 'node:fs';
import v8 from 'node:v8';

const MB = 1e6;
const megabytes = (bytes: number) => Math.round(bytes / MB);

/** `thread` names the caller's thread in each line (the caller knows it: no worker_threads load). */
export function startMemoryTrace(thread: 'ui' | 'api-worker'): void {
  const file = process.env.VTRAIN_MEMORY_TRACE;
  if (!file) return;
  const timer = setInterval(() => {
    const heap = v8.getHeapStatistics();
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((space) => [space.space_name, megabytes(space.space_size)]),
    );
    const sample = {
      t: Date.now(),
      thread,
      rssMb: megabytes(process.memoryUsage.rss()),
      heapCommittedMb: megabytes(heap.total_heap_size),
      heapUsedMb: megabytes(heap.used_heap_size),
      externalMb: megabytes(heap.external_memory),
      spacesCommittedMb: spaces,
    };
    appendFileSync(file, `${JSON.stringify(sample)}\n`);
  }, 250);
  timer.unref();
}
