// Public surface of the pure job-specification domain (no Ink, no I/O).
export * from './draft.js';
export * from './request.js';
export * from './replicas.js';
export * from './build-request.js';
export * from './build-pipeline.js';
export * from './create-request.js';
export * from './gcloud-command.js';
export * from './export.js';
export * from './import.js';
export * from './catalog.js';
export * from './catalog-merge.js';
export * from './catalog-health.js';
export * from './prediction-images.js';
export * from './automl.js';
export * from './validate.js';
export {DISK_TYPES, MAX_ARGS_CHARS, MAX_ENV_VARS, MAX_PACKAGE_URIS} from './validate-pools.js';
export {
  FLEX_START_ACCELERATORS,
  FLEX_START_MAX_TIMEOUT_SECONDS,
  GPU_PARTITION_SIZES,
  PERSISTENT_RESOURCE_ID,
} from './validate-compute.js';
export {MAX_DISCRETE_VALUES} from './validate-study.js';
export * from './proto-value.js';
export * from './example-draft.js';
export * from './shell-quote.js';
export * from './job-state.js';
export * from './gcs-uri.js';
export * from './emulator-protocol.js';
export * from './price-lookup.js';
export * from './draft-cost.js';
