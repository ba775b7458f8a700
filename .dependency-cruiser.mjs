// The layering rule of source/ (readme.md, "Architecture"), checked by `npm run lint:deps` in
// `npm test`. Read top to bottom, each layer may import only the layers below it:
//
//   entry → ui (app → screens → job-actions → shell) → services (backend → jobs → logs → vertex)
//         → core (settings → job-spec; text, protocol, diagnostics)
//   emulator → core only; outside the emulator, only emulator/contract/ (and serve.ts, for the
//   entry that starts the server) may be imported. Inside it: server.ts, serve.ts → {service,
//   rest} → pipeline → study → custom-job → {logging, storage, dataset} → records → rpc → contract;
//   monitoring → rpc → contract.
//
// Layer rules apply to type-only imports too (a type from above is still a dependency on it);
// cycles are counted on runtime imports, as bundles and module loading see them.
const forbid = (name, comment, from, to) => ({name, comment, severity: 'error', from, to});

export default {
  forbidden: [
    forbid(
      'no-runtime-cycle',
      'A runtime import cycle between files: break it by moving the shared part down a layer.',
      {},
      {circular: true, viaOnly: {dependencyTypesNot: ['type-only']}},
    ),
    forbid(
      'core-is-the-bottom',
      'core/ imports nothing of the app or the emulator.',
      {path: '^source/core/'},
      {path: '^source/(entry|ui|services|emulator)/'},
    ),
    forbid(
      'core-leaves',
      'core/text, core/protocol and core/diagnostics are leaves of core.',
      {path: '^source/core/(text|protocol|diagnostics)/'},
      {path: '^source/core/', pathNot: '^source/core/$1/'},
    ),
    forbid(
      'job-spec-below-settings',
      'The domain does not read settings; settings may read the domain.',
      {path: '^source/core/job-spec/'},
      {path: '^source/core/settings/'},
    ),
    forbid(
      'services-below-ui',
      'Services never import the UI or the entry.',
      {path: '^source/services/'},
      {path: '^source/(entry|ui)/'},
    ),
    forbid(
      'vertex-is-the-lowest-service',
      'The API client imports no other service.',
      {path: '^source/services/vertex/'},
      {path: '^source/services/', pathNot: '^source/services/vertex/'},
    ),
    forbid(
      'logs-below-jobs-and-backend',
      'The log engine uses the API client only.',
      {path: '^source/services/logs/'},
      {path: '^source/services/(backend|jobs)/'},
    ),
    forbid(
      'jobs-below-backend',
      'Job listing uses the API client, not session assembly.',
      {path: '^source/services/jobs/'},
      {path: '^source/services/backend/'},
    ),
    forbid(
      'ui-below-entry',
      'The UI never imports the entry (argument parsing, script commands).',
      {path: '^source/ui/'},
      {path: '^source/entry/'},
    ),
    forbid(
      'shell-knows-no-screen',
      'The shell toolkit is used by screens; it never imports them, the root or job actions.',
      {path: '^source/ui/shell/'},
      {path: '^source/ui/(app|screens|job-actions)/'},
    ),
    forbid(
      'job-actions-below-screens',
      'Job actions are attached by screens; they open screens by route name only.',
      {path: '^source/ui/job-actions/'},
      {path: '^source/ui/(app|screens)/'},
    ),
    forbid(
      'screens-below-the-root',
      'Screens never import the app root.',
      {path: '^source/ui/screens/'},
      {path: '^source/ui/app/'},
    ),
    forbid(
      'screens-open-screens-by-route',
      'A screen opens another by route name (ui/shell/routes.ts), never by importing it.',
      {path: '^source/ui/screens/([^/]+)/'},
      {path: '^source/ui/screens/', pathNot: '^source/ui/screens/$1/'},
    ),
    forbid(
      'emulator-shares-only-core',
      'The emulator is a separate server: it shares only core/ with the app.',
      {path: '^source/emulator/'},
      {path: '^source/(entry|ui|services)/'},
    ),
    forbid(
      'emulator-contract-stands-alone',
      'The contract (paths, service file, lock, job folders) is read by clients without the rest of the emulator.',
      {path: '^source/emulator/contract/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/contract/'},
    ),
    // Inside the emulator, one direction too (read bottom to top; each folder may import only
    // the folders listed under it, and the contract):
    //   contract ← rpc ← records ← {logging, storage, dataset} ← custom-job ← study ← pipeline
    //   ← {service, rest} ← server.ts, serve.ts
    forbid(
      'rpc-is-the-emulator-bottom',
      'rpc/ is the plumbing every service shares (protos, errors, names, paging, filters, clock, run records): it imports no other emulator folder, not even a type; make it generic over a small record interface instead.',
      {path: '^source/emulator/rpc/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/(rpc|contract)/'},
    ),
    forbid(
      'records-below-the-services',
      "records/ stores every service's records; it knows no service.",
      {path: '^source/emulator/records/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/(records|rpc|contract)/'},
    ),
    forbid(
      'logging-storage-and-datasets-stand-alone',
      'The log store and LoggingService, the Cloud Storage API and DatasetService import none of the other services.',
      {path: '^source/emulator/(logging|storage|dataset)/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/($1|records|rpc|contract)/'},
    ),
    forbid(
      'monitoring-reads-processes-only',
      'MetricService samples replica processes by pid; it knows no other service (server.ts tells it which replicas started).',
      {path: '^source/emulator/monitoring/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/(monitoring|rpc|contract)/'},
    ),
    forbid(
      'custom-jobs-below-studies-and-pipelines',
      'Custom jobs write logs; tuning trials and pipelines run custom jobs, never the reverse.',
      {path: '^source/emulator/custom-job/'},
      {
        path: '^source/emulator/',
        pathNot: '^source/emulator/(custom-job|logging|records|rpc|contract)/',
      },
    ),
    forbid(
      'studies-below-pipelines',
      'A tuning job runs custom jobs; a pipeline may run a tuning job, never the reverse.',
      {path: '^source/emulator/study/'},
      {
        path: '^source/emulator/',
        pathNot: '^source/emulator/(study|custom-job|logging|records|rpc|contract)/',
      },
    ),
    forbid(
      'pipelines-below-the-service',
      'A pipeline runs custom and tuning jobs on a dataset; the service and the HTTP surface sit above it.',
      {path: '^source/emulator/pipeline/'},
      {path: '^source/emulator/(service|rest)/'},
    ),
    forbid(
      'rest-transcodes-only',
      'rest/ transcodes HTTP/JSON to the same handler objects from the protos; it knows no service.',
      {path: '^source/emulator/rest/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/(rest|rpc|contract)/'},
    ),
    forbid(
      'service-below-the-server',
      'service/ (data folder, recovery, activity) is assembled by server.ts; it does not serve HTTP.',
      {path: '^source/emulator/service/'},
      {path: '^source/emulator/rest/'},
    ),
    forbid(
      'server-is-the-emulator-top',
      'server.ts assembles the services and serve.ts runs them as the background service; no folder imports them.',
      {path: '^source/emulator/[^/]+/'},
      {path: '^source/emulator/[^/]+\\.ts$'},
    ),
    forbid(
      'clients-read-only-the-contract',
      "The app's client side reads the emulator's files through emulator/contract/ only.",
      {path: '^source/(ui|services|core)/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/contract/'},
    ),
    forbid(
      'entry-starts-the-emulator-by-serve',
      'The entry starts the emulator through serve.ts and reads the contract; nothing else.',
      {path: '^source/entry/'},
      {path: '^source/emulator/', pathNot: '^source/emulator/(contract/|serve\\.ts$)'},
    ),
    forbid(
      'no-unresolvable',
      'An import that resolves to nothing.',
      {path: '^source/'},
      {couldNotResolve: true},
    ),
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    includeOnly: '^source/',
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.json'},
  },
};
