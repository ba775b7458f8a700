// Server-side checks on CreateCustomJob, with Vertex-style INVALID_ARGUMENT messages that name
// the field. The client-side validator in job-spec catches far more, earlier.
import type {CustomJobLike} from '../job-spec/index.js';
import {invalidArgument} from './grpc-errors.js';

export function validateCustomJob(job: CustomJobLike | undefined): asserts job is CustomJobLike {
  if (!job) throw invalidArgument('custom_job is required.');
  if (!job.displayName) throw invalidArgument('custom_job.display_name is required.');
  const pools = job.jobSpec?.workerPoolSpecs ?? [];
  if (pools.length === 0) {
    throw invalidArgument('custom_job.job_spec.worker_pool_specs must contain at least one pool.');
  }
  pools.forEach((pool, index) => {
    const field = `custom_job.job_spec.worker_pool_specs[${index}]`;
    const empty = !pool.machineSpec && !pool.pythonPackageSpec && !pool.containerSpec;
    if (empty) {
      if (index === 0) throw invalidArgument(`${field} (the primary pool) must not be empty.`);
      return;
    }
    if (!pool.machineSpec?.machineType)
      throw invalidArgument(`${field}.machine_spec.machine_type is required.`);
    const replicas = Number(pool.replicaCount ?? 1);
    if (index === 0 && replicas !== 1) {
      throw invalidArgument(
        `${field}.replica_count must be 1 for the primary pool; got ${replicas}.`,
      );
    }
    if (!Number.isInteger(replicas) || replicas < 1)
      throw invalidArgument(`${field}.replica_count must be at least 1.`);
    if (!!pool.pythonPackageSpec === !!pool.containerSpec) {
      throw invalidArgument(
        `${field} must set exactly one of python_package_spec or container_spec.`,
      );
    }
    const python = pool.pythonPackageSpec;
    if (python) {
      if (!python.pythonModule)
        throw invalidArgument(`${field}.python_package_spec.python_module is required.`);
      if (!python.packageUris?.length)
        throw invalidArgument(`${field}.python_package_spec.package_uris is required.`);
    }
  });
}
