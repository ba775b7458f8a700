// Bundled by bench/replicas/run.mjs: renders the dashboard's replica table for a 1,000-replica
// job with Ink into an in-memory terminal and times each frame (derive rows + render + layout +
// output), with the counters changing every frame as they do while the job logs.
import {Writable} from 'node:stream';
import React from 'react';
import {render} from 'ink';
import {ReplicaTable} from '../../source/ui/screens/dashboard/ReplicaTable.js';
import {replicaRows} from '../../source/ui/screens/dashboard/replica-status.js';
import {LineStore} from '../../source/services/logs/line-store.js';

export function measure(replicas: number, frames: number, height: number) {
  const pools = [
    {
      machineSpec: {
        machineType: 'a2-highgpu-8g',
        acceleratorType: 'NVIDIA_TESLA_A100',
        acceleratorCount: 8,
      },
      replicaCount: 1,
    },
    {
      machineSpec: {
        machineType: 'a2-highgpu-8g',
        acceleratorType: 'NVIDIA_TESLA_A100',
        acceleratorCount: 8,
      },
      replicaCount: replicas - 1,
    },
  ];
  const store = new LineStore();
  let sequence = 0;
  const addLines = () => {
    const batch = [];
    for (let i = 0; i < 200; i++) {
      const n = sequence++;
      batch.push({
        insertId: `id${n}`,
        seconds: 1_800_000_000 + n,
        nanos: 0,
        timestampMs: (1_800_000_000 + n) * 1000,
        replica: `workerpool${n % replicas === 0 ? 0 : 1}-${n % replicas === 0 ? 0 : (n % replicas) - 1}`,
        severity: 'INFO',
        level: 200,
        message: `step ${n}`,
      });
    }
    store.add(batch);
  };
  const stdout = new Writable({write: (_chunk, _encoding, done) => done()}) as NodeJS.WriteStream;
  Object.assign(stdout, {columns: 160, rows: height + 5, isTTY: true});
  const frame = (selected: number) => {
    const rows = replicaRows(pools, 'JOB_STATE_RUNNING', undefined, store.counters());
    return (
      <ReplicaTable rows={rows} now={Date.now()} height={height} selected={selected} focused />
    );
  };
  const app = render(frame(0), {stdout, debug: true, patchConsole: false, exitOnCtrlC: false});
  const times: number[] = [];
  for (let i = 0; i < frames; i++) {
    addLines();
    const start = performance.now();
    app.rerender(frame(i % replicas));
    times.push(performance.now() - start);
  }
  app.unmount();
  times.sort((a, b) => a - b);
  return {
    replicas,
    visibleRows: height,
    frames,
    medianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(2)),
    p99Ms: Number(times[Math.floor(times.length * 0.99)]!.toFixed(2)),
  };
}
