// What the local emulator does with compute options that only mean something on Vertex: it
// accepts them (as Vertex does) and says in the job's service log that it ignores them locally,
// so a user never believes a share was mounted or a reservation consumed on their machine.
import type {CustomJobSpecLike} from '../../core/job-spec/index.js';

export function localComputeNotes(spec: CustomJobSpecLike): string[] {
  const notes: string[] = [];
  spec.workerPoolSpecs.forEach((pool, index) => {
    const name = `workerpool${index}`;
    const affinity = pool.machineSpec?.reservationAffinity;
    if (affinity?.reservationAffinityType) {
      const target = affinity.values?.[0] ? ` (${affinity.values[0]})` : '';
      notes.push(
        `Reservation affinity ${affinity.reservationAffinityType}${target} of ${name} is accepted; the local emulator runs on this machine and consumes no Compute Engine reservation.`,
      );
    }
    if (pool.machineSpec?.gpuPartitionSize) {
      notes.push(
        `GPU partition ${pool.machineSpec.gpuPartitionSize} of ${name} is accepted; the local emulator does not partition GPUs.`,
      );
    }
    for (const mount of pool.nfsMounts ?? []) {
      notes.push(
        `NFS mounts are not mounted by the local emulator: ${mount.server}:${mount.path} at /mnt/nfs/${mount.mountPoint} (${name}) is absent locally.`,
      );
    }
    for (const mount of pool.lustreMounts ?? []) {
      notes.push(
        `Lustre mounts are not mounted by the local emulator: ${mount.filesystem} at /mnt/lustre/${mount.mountPoint} (${name}) is absent locally.`,
      );
    }
  });
  if (spec.network || spec.reservedIpRanges?.length || spec.pscInterfaceConfig?.networkAttachment) {
    notes.push(
      'Private networking (network, reserved IP ranges, PSC interface) is accepted and ignored: local replicas use this machine’s network.',
    );
  }
  const strategy = spec.scheduling?.strategy;
  if (strategy === 'FLEX_START') {
    notes.push(
      'Flex-start: the local emulator has its capacity at once, so the job does not queue.',
    );
  } else if (strategy === 'SPOT') {
    notes.push('Spot: the local emulator never preempts replicas.');
  }
  return notes;
}
