// One finished custom job written straight into a data folder as the emulator stores it
// (emulator/contract/job-records.ts: {version, job, replicas}, 0600 under 0700 folders), so an
// e2e test can open the app on a returning run without running any Python.
import fs from 'node:fs';
import path from 'node:path';

export function seedFinishedJob(dataDir: string, id: string, displayName: string): void {
  const jobs = path.join(dataDir, 'emulator', 'jobs');
  fs.mkdirSync(jobs, {recursive: true, mode: 0o700});
  fs.chmodSync(path.join(dataDir, 'emulator'), 0o700);
  fs.chmodSync(dataDir, 0o700);
  const created = BigInt(Date.now() - 60_000) * 1_000_000n;
  const job = {
    id,
    name: `projects/local-project/locations/us-central1/customJobs/${id}`,
    project: 'local-project',
    location: 'us-central1',
    displayName,
    jobSpec: {
      workerPoolSpecs: [
        {
          machineSpec: {machineType: 'n1-standard-4'},
          replicaCount: 1,
          containerSpec: {imageUri: 'x'},
        },
      ],
    },
    state: 'JOB_STATE_SUCCEEDED',
    createTimeNs: String(created),
    updateTimeNs: String(created + 30_000_000_000n),
    startTimeNs: String(created + 1_000_000_000n),
    endTimeNs: String(created + 30_000_000_000n),
  };
  fs.writeFileSync(
    path.join(jobs, `${id}.json`),
    `${JSON.stringify({version: 1, job, replicas: []})}\n`,
    {mode: 0o600},
  );
}
