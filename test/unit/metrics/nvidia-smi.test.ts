// The nvidia-smi CSV parser on output written from nvidia-smi's documented format
// (`nvidia-smi --help-query-gpu`, `--help-query-compute-apps`, `--format=csv`): a header of the
// queried names with their units in brackets, units after values, [N/A] where a value is missing.
import {describe, expect, it} from 'vitest';
import {
  acceleratorUsage,
  parseComputeApps,
  parseGpus,
  parseNvidiaCsv,
} from '../../../source/emulator/monitoring/nvidia-smi.js';

const GPUS = `uuid, utilization.gpu [%], memory.used [MiB], memory.total [MiB]
GPU-5f0c8d2a-1b3e-4c6d-8e9f-0a1b2c3d4e5f, 87 %, 30512 MiB, 40960 MiB
GPU-9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d, 3 %, 1024 MiB, 40960 MiB
GPU-00000000-0000-4000-8000-000000000000, [N/A], [N/A], 16384 MiB
`;

const APPS = `pid, gpu_uuid, used_gpu_memory [MiB]
4242, GPU-5f0c8d2a-1b3e-4c6d-8e9f-0a1b2c3d4e5f, 30000 MiB
4243, GPU-9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d, 1000 MiB
5000, GPU-00000000-0000-4000-8000-000000000000, [N/A]
`;

describe('nvidia-smi --format=csv', () => {
  it('keys rows by the header names without units; [N/A] is missing', () => {
    expect(parseNvidiaCsv(GPUS)[2]).toEqual({
      uuid: 'GPU-00000000-0000-4000-8000-000000000000',
      'utilization.gpu': undefined,
      'memory.used': undefined,
      'memory.total': '16384 MiB',
    });
    expect(parseNvidiaCsv('')).toEqual([]);
  });

  it('reads GPUs as fractions, missing values missing (never 0)', () => {
    const [first, , third] = parseGpus(GPUS);
    expect(first).toEqual({
      uuid: 'GPU-5f0c8d2a-1b3e-4c6d-8e9f-0a1b2c3d4e5f',
      utilization: 0.87,
      memoryUsedMiB: 30512,
      memoryTotalMiB: 40960,
    });
    expect(third!.utilization).toBeUndefined();
  });

  it('gives a replica the mean of the GPUs its processes use', () => {
    const gpus = parseGpus(GPUS);
    const apps = parseComputeApps(APPS);
    const both = acceleratorUsage([4242, 4243, 77], gpus, apps)!;
    expect(both.utilization).toBeCloseTo(0.45, 10);
    expect(both.memoryUtilization).toBeCloseTo((30512 + 1024) / (2 * 40960), 10);
    // A process on a GPU that reports nothing: the figures are absent.
    expect(acceleratorUsage([5000], gpus, apps)).toEqual({
      utilization: undefined,
      memoryUtilization: undefined,
    });
    // No GPU at all: no accelerator usage.
    expect(acceleratorUsage([77], gpus, apps)).toBeUndefined();
  });
});
