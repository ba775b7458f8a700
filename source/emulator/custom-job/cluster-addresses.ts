// One real loopback address per replica, so the addresses in CLUSTER_SPEC / TF_CONFIG are ones
// the replicas can actually listen on (each port was free a moment ago on 127.0.0.1).
import net from 'node:net';
import type {ReplicaRef} from '../../core/job-spec/index.js';
import type {ClusterAddresses} from './replica-env.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One real loopback address per replica, grouped by pool as in CLUSTER_SPEC. */
export async function allocateCluster(replicas: ReplicaRef[]): Promise<ClusterAddresses> {
  const cluster: ClusterAddresses = {};
  for (const replica of replicas) {
    const key = `workerpool${replica.pool}`;
    (cluster[key] ??= []).push(`127.0.0.1:${await freePort()}`);
  }
  return cluster;
}
