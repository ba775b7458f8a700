// A pool that leaves DiskSpec.boot_disk_type out has the machine's default disk, which is not
// "pd-ssd" everywhere: machine_resources.proto DiskSpec.boot_disk_type "For non-A3U machines, the
// default value is "pd-ssd", for A3U machines, the default value is "hyperdisk-balanced"". The
// "matches exactly" rule of cloud.google.com/vertex-ai/docs/training/persistent-resource-train
// compares the disks the machines get, so the app's choice (persistentResourceFit) and the
// emulator's placement (placeJob) agree that an A3U pool without a disk type and a job asking
// hyperdisk-balanced match, and that an explicit pd-ssd A3U pool does not match a job without one.
import {describe, expect, it} from 'vitest';
import {defaultBootDiskType} from '../../source/core/job-spec/index.js';
import {persistentResourceFit} from '../../source/services/vertex/persistent-resource-match.js';
import {placeJob} from '../../source/emulator/persistent-resource/placement.js';
import type {PersistentResourceRecord} from '../../source/emulator/persistent-resource/resource-record.js';

const A3U = 'a3-ultragpu-8g';
const GPUS = {acceleratorType: 'NVIDIA_H200_141GB', acceleratorCount: 8};
const resource = (disk?: string) => ({
  name: 'projects/p/locations/us-central1/persistentResources/warm',
  state: 'RUNNING',
  resourcePools: [
    {
      id: 'gpu',
      machineSpec: {machineType: A3U, ...GPUS},
      replicaCount: '1',
      usedReplicaCount: '0',
      ...(disk && {diskSpec: {bootDiskType: disk}}),
    },
  ],
});
const need = (disk?: string) => ({
  machine: {machineType: A3U, ...GPUS},
  replicaCount: 1,
  ...(disk && {bootDiskType: disk}),
});
const record = (disk?: string) =>
  ({
    resourceId: 'warm',
    pools: [
      {
        id: 'gpu',
        machineSpec: {machineType: A3U, ...GPUS},
        replicaCount: 1,
        ...(disk && {diskSpec: {bootDiskType: disk}}),
      },
    ],
  }) as unknown as PersistentResourceRecord;
const spec = (disk?: string) => ({
  machineSpec: {machineType: A3U, ...GPUS},
  replicaCount: 1,
  ...(disk && {diskSpec: {bootDiskType: disk}}),
});

describe('the default boot disk of a persistent resource pool', () => {
  it('is pd-ssd, or hyperdisk-balanced on A3U', () => {
    expect(defaultBootDiskType('n1-standard-4')).toBe('pd-ssd');
    expect(defaultBootDiskType(A3U)).toBe('hyperdisk-balanced');
  });

  it('the app: an A3U pool without a disk type fits a job asking hyperdisk-balanced', () => {
    expect(persistentResourceFit(resource(), [need('hyperdisk-balanced')])).toEqual({fits: true});
    expect(persistentResourceFit(resource('hyperdisk-balanced'), [need()])).toEqual({fits: true});
    expect(persistentResourceFit(resource('pd-ssd'), [need()])).toMatchObject({
      fits: false,
      kind: 'machine',
    });
  });

  it('the emulator: places the same jobs, and refuses the pd-ssd pool', () => {
    expect(placeJob(record(), [spec('hyperdisk-balanced')], [1])).toEqual([0]);
    expect(placeJob(record('hyperdisk-balanced'), [spec()], [1])).toEqual([0]);
    expect(() => placeJob(record('pd-ssd'), [spec()], [1])).toThrow(
      /disk hyperdisk-balanced\) matches no resource pool/,
    );
  });
});
