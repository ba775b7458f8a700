// The RPCs the app calls through the official clients, per service: the one list the build prunes
// the clients' protobuf descriptors to (scripts/build.mjs, descriptor-pruning.ts), and that
// test/unit/client-manifest.test.ts checks the app against (it fails when official-api.ts calls a
// method missing here). Calling a new RPC, or adding a client: see "Adding a client" in
// readme.md's Architecture section.
//
// Method names are the proto RPC names of the services' .proto files, as the packages ship them
// (e.g. @google-cloud/aiplatform/build/protos/google/cloud/aiplatform/v1/job_service.proto).

/** The package whose build/protos/protos.json holds a service, and the services the app uses. */
export interface DescriptorPackage {
  /** The npm package that ships the client and its protos.json. */
  package: string;
  /** Fully-qualified service name → the RPCs the app calls. */
  services: Record<string, readonly string[]>;
}

export const CLIENT_MANIFEST: readonly DescriptorPackage[] = [
  {
    package: '@google-cloud/aiplatform',
    services: {
      'google.cloud.aiplatform.v1.JobService': [
        'CreateCustomJob',
        'GetCustomJob',
        'ListCustomJobs',
        'CancelCustomJob',
        'CreateHyperparameterTuningJob',
        'GetHyperparameterTuningJob',
        'ListHyperparameterTuningJobs',
        'CancelHyperparameterTuningJob',
      ],
      'google.cloud.aiplatform.v1.PipelineService': [
        'CreateTrainingPipeline',
        'GetTrainingPipeline',
        'ListTrainingPipelines',
        'CancelTrainingPipeline',
      ],
      'google.cloud.aiplatform.v1.DatasetService': ['ListDatasets', 'GetDataset'],
      // The persistent-resources screen (issue #25).
      'google.cloud.aiplatform.v1.PersistentResourceService': [
        'ListPersistentResources',
        'GetPersistentResource',
        'CreatePersistentResource',
        'DeletePersistentResource',
      ],
    },
  },
  {
    package: '@google-cloud/logging-api',
    services: {'google.logging.v2.LoggingServiceV2': ['ListLogEntries', 'TailLogEntries']},
  },
  {
    // Per-replica utilisation (issue #24): MetricService.ListTimeSeries.
    package: '@google-cloud/monitoring',
    services: {'google.monitoring.v3.MetricService': ['ListTimeSeries']},
  },
];
