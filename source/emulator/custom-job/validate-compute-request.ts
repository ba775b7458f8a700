// CreateCustomJob's compute options (reservations, flex-start and Spot, GPU partitions, mounts,
// private networking, persistent resource id) checked with the same domain rules the app runs
// before submitting, each of which cites its Google source (core/job-spec/validate-compute.ts):
// https://cloud.google.com/vertex-ai/docs/training/schedule-jobs-dws (flex-start), the
// reservation_affinity.proto and machine_resources.proto fields (reservations, MIG), and
// custom_job.proto (mounts, networking, persistent_resource_id).
// The first error becomes INVALID_ARGUMENT naming the proto field, as Vertex names fields.
import {
  draftFromApiJob,
  errorsOf,
  validateComputeOptions,
  type CustomJobLike,
} from '../../core/job-spec/index.js';
import {invalidArgument} from '../rpc/grpc-errors.js';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A draft path (`workerPools[0].machineSpec.gpuPartitionSize`) as the request's proto path. */
export function protoFieldPath(path: string): string {
  const inJob = path
    .replace(/^workerPools\b/, 'workerPoolSpecs')
    .replace(/^timeout$/, 'scheduling.timeout');
  return `custom_job.job_spec.${inJob
    .split('.')
    .map((part) => snake(part))
    .join('.')}`;
}

export function validateComputeRequest(job: CustomJobLike, parent: string): void {
  const match = /^projects\/([^/]+)\/locations\/([^/]+)$/.exec(parent);
  if (!match) return;
  const imported = draftFromApiJob(job, {project: match[1] as string, region: match[2] as string});
  // A job the domain cannot read is left to the structural checks in validate-request.ts.
  if (!imported.ok) return;
  const [first] = errorsOf(validateComputeOptions(imported.draft));
  if (first)
    throw invalidArgument(`${protoFieldPath(first.path)}: ${first.message}. ${first.fix}.`);
}
