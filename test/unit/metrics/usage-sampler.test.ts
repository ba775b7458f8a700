// The emulator's sampler over a recorded /proc: a container replica is measured through the
// container's own processes only (found by the engine's pid; the `run` client is the emulator's
// machinery, not the workload Vertex measures), network
// bytes only for a replica alone in its network namespace (the host's counters are not a
// replica's), the user's catalog sizes the fractions, and MetricService serves the counters as
// DELTA points read with ALIGN_RATE / ALIGN_DELTA (common.proto Aligner) and refuses ALIGN_RATE on
// a GAUGE metric.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {UsageSampler} from '../../../source/emulator/monitoring/usage-sampler.js';
import {metricServiceHandlers} from '../../../source/emulator/monitoring/metric-service.js';
import {parseNetDev} from '../../../source/emulator/monitoring/network-counters.js';
import {NvidiaSmi} from '../../../source/emulator/monitoring/nvidia-smi.js';

const procDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vtrain-proc-'));
afterAll(() => fs.rmSync(procDir, {recursive: true, force: true}));

const stat = (pid: number, ppid: number, pgrp: number, ticks: number) =>
  `${pid} (p) S ${ppid} ${pgrp} ${pgrp} 0 -1 4194304 10 0 0 0 ${ticks} 0 0 0 20 0 1 0 100 1000 50 0\n`;

function proc(pid: number, ppid: number, pgrp: number, ticks: number, rssKb: number, net: string) {
  const dir = path.join(procDir, String(pid));
  fs.mkdirSync(path.join(dir, 'ns'), {recursive: true});
  fs.mkdirSync(path.join(dir, 'net'), {recursive: true});
  fs.writeFileSync(path.join(dir, 'stat'), stat(pid, ppid, pgrp, ticks));
  fs.writeFileSync(path.join(dir, 'status'), `Name:\tp\nVmRSS:\t  ${rssKb} kB\n`);
  fs.rmSync(path.join(dir, 'ns', 'net'), {force: true});
  fs.symlinkSync(net, path.join(dir, 'ns', 'net'));
}

const netDev = (rx: number, tx: number) =>
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
  `    lo: 999999 10 0 0 0 0 0 0 999999 10 0 0 0 0 0 0\n` +
  `  eth0: ${rx} 5 0 0 0 0 0 0 ${tx} 5 0 0 0 0 0 0\n`;

const noGpu = Object.assign(new NvidiaSmi('/nonexistent'), {read: async () => undefined});
const JOB = 'projects/p/locations/us-central1/customJobs/7';

function request(type: string, aligner: string) {
  return {
    name: 'projects/p',
    filter: `metric.type = "ml.googleapis.com/training/${type}" AND resource.labels.job_id = "7"`,
    interval: {startTime: {seconds: 0}, endTime: {seconds: 600}},
    aggregation: {alignmentPeriod: {seconds: 60}, perSeriesAligner: aligner},
  };
}

describe('the sampler', () => {
  it('samples a container replica through its container, with its own network bytes', async () => {
    // 1: the emulator (host namespace); 100: the `podman run` client; 300: conmon; 301: the
    // container's PID 1 (own namespace) and 302 its child.
    proc(1, 0, 1, 0, 1000, 'net:[100]');
    proc(100, 1, 100, 10, 10_000, 'net:[100]');
    proc(300, 1, 300, 0, 1000, 'net:[100]');
    proc(301, 300, 301, 0, 50_000, 'net:[200]');
    proc(302, 301, 301, 0, 40_000, 'net:[200]');
    fs.writeFileSync(path.join(procDir, '301', 'net', 'dev'), netDev(1000, 500));
    let now = 0;
    const sampler = new UsageSampler(60_000, noGpu, () => now, procDir, 1);
    sampler.setMachineTypes([{name: 'tiny-2', family: 'tiny', vcpus: 2, memoryGb: 1}]);
    sampler.track({
      jobName: JOB,
      replica: 'workerpool0-0',
      pid: 100,
      machineType: 'tiny-2',
      containerPid: async () => 301,
    });
    // The container plain process (pid 200) shares the host namespace: no network series.
    proc(200, 1, 200, 0, 1000, 'net:[100]');
    fs.writeFileSync(path.join(procDir, '200', 'net', 'dev'), netDev(5e9, 5e9));
    sampler.track({jobName: JOB, replica: 'workerpool1-0', pid: 200, machineType: 'tiny-2'});
    await sampler.sample();
    now = 30_000;
    proc(301, 300, 301, 3000, 50_000, 'net:[200]'); // 30 s of CPU in 30 s: one core
    fs.writeFileSync(path.join(procDir, '301', 'net', 'dev'), netDev(1000 + 60_000, 500 + 6000));
    fs.writeFileSync(path.join(procDir, '200', 'net', 'dev'), netDev(6e9, 6e9));
    await sampler.sample();
    sampler.stop();
    const series = sampler.allSeries();
    const container = series.find((one) => one.replica === 'workerpool0-0')!;
    expect(container.points).toHaveLength(1);
    const [point] = container.points;
    // One core of the catalog's two; the container's processes (50 000 + 40 000 kB, not the
    // `run` client's 10 000 nor the engine's monitor's) of the catalog's 1 GiB.
    expect(point!.values.cpu).toBeCloseTo(0.5);
    expect(point!.values.memory).toBeCloseTo((90_000 * 1024) / 2 ** 30);
    expect(point!.values.networkReceived).toBe(60_000);
    expect(point!.values.networkSent).toBe(6000);
    const plain = series.find((one) => one.replica === 'workerpool1-0')!;
    expect(plain.points[0]!.values.networkReceived).toBeUndefined();

    const handlers = metricServiceHandlers(() => series);
    const rate = handlers.listTimeSeries(request('network/received_bytes_count', 'ALIGN_RATE'));
    expect(rate.timeSeries).toHaveLength(1);
    expect(rate.timeSeries[0]).toMatchObject({
      resource: {labels: {task_name: 'workerpool0-0'}},
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
      points: [{value: {doubleValue: 1000}}],
    });
    const delta = handlers.listTimeSeries(request('network/sent_bytes_count', 'ALIGN_DELTA'));
    expect(delta.timeSeries[0]).toMatchObject({
      metricKind: 'DELTA',
      valueType: 'INT64',
      points: [{value: {int64Value: '6000'}}],
    });
    expect(() => handlers.listTimeSeries(request('cpu/utilization', 'ALIGN_RATE'))).toThrow(
      /ALIGN_RATE cannot be applied to metrics with kind GAUGE/,
    );
  });

  it("takes no sample of a container replica's engine client while its container has no pid", async () => {
    // 400: a busy `podman run` client (pulling, creating); 500: the container once it runs.
    proc(1, 0, 1, 0, 1000, 'net:[100]');
    proc(400, 1, 400, 0, 45_000, 'net:[100]');
    let now = 0;
    const container: {pid?: number} = {};
    const sampler = new UsageSampler(60_000, noGpu, () => now, procDir, 1);
    sampler.setMachineTypes([{name: 'tiny-2', family: 'tiny', vcpus: 2, memoryGb: 1}]);
    sampler.track({
      jobName: JOB,
      replica: 'workerpool0-1',
      pid: 400,
      machineType: 'tiny-2',
      containerPid: async () => container.pid,
    });
    const points = () => sampler.allSeries().find((one) => one.replica === 'workerpool0-1')!.points;
    for (const ticks of [0, 2000, 4000]) {
      proc(400, 1, 400, ticks, 45_000, 'net:[100]');
      now += 20_000;
      await sampler.sample();
    }
    expect(points()).toEqual([]);
    container.pid = 500;
    proc(500, 1, 500, 0, 800, 'net:[300]');
    await sampler.sample();
    now += 10_000;
    proc(400, 1, 400, 6000, 45_000, 'net:[100]'); // the client keeps copying output
    proc(500, 1, 500, 100, 800, 'net:[300]'); // 1 s of CPU in 10 s
    await sampler.sample();
    sampler.stop();
    expect(points()).toHaveLength(1);
    expect(points()[0]!.values.cpu).toBeCloseTo(0.1 / 2);
    expect(points()[0]!.values.memory).toBeCloseTo((800 * 1024) / 2 ** 30);
  });

  it('sums the interfaces of /proc/PID/net/dev but loopback', () => {
    expect(parseNetDev(netDev(10, 20) + '  eth1: 5 1 0 0 0 0 0 0 7 1 0 0 0 0 0 0\n')).toEqual({
      received: 15,
      sent: 27,
    });
  });
});
