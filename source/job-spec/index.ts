// Public surface of the pure job-specification domain (no Ink, no I/O).
export * from './draft.js';
export * from './request.js';
export * from './replicas.js';
export * from './build-request.js';
export * from './gcloud-command.js';
export * from './catalog.js';
export * from './validate.js';
export * from './example-draft.js';
export * from './shell-quote.js';
export * from './job-state.js';
export * from './gcs-uri.js';
export * from './emulator-protocol.js';
