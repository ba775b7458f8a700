// Before submit: every worker pool that names a local package folder gets it packed
// (package-archive.ts), checked against the staging bucket (exists, writable, same region as the
// job) and uploaded as `gs://BUCKET/vtrain-packages/<name>-<sha256 prefix>.tar.gz`, unless that
// object already exists: resubmitting unchanged code uploads nothing. Returns the draft with
// each such pool's first package URI pointing at its staged archive.
import {parseGcsUri, type JobDraft} from '../../core/job-spec/index.js';
import {
  buildPackageArchive,
  describePackageFolder,
  type PackageArchive,
} from './package-archive.js';
import {bucketProblem, type ObjectStore} from './object-store.js';

export const PACKAGE_PREFIX = 'vtrain-packages/';

export class StagingError extends Error {}

export interface StageProgress {
  /** The package folder's name. */
  name: string;
  phase: 'packing' | 'checking' | 'uploading' | 'skipped' | 'uploaded';
  bytesSent: number;
  totalBytes: number;
}

export interface StagedPackage {
  folder: string;
  uri: string;
  sha256: string;
  sizeBytes: number;
  /** False when the object already existed (same content hash). */
  uploaded: boolean;
}

export interface StageOptions {
  region: string;
  /** The resolved staging bucket; without it, the bucket of each pool's first package URI. */
  stagingBucket?: string;
  onProgress?: (progress: StageProgress) => void;
  /** False for the local emulator, whose buckets serve jobs of every region. */
  checkLocation?: boolean;
}

function bucketFor(draftUris: string[], stagingBucket: string | undefined, pool: number): string {
  if (stagingBucket) return stagingBucket.replace(/^gs:\/\//, '').replace(/\/.*$/, '');
  const first = draftUris[0];
  if (first) {
    try {
      return parseGcsUri(first).bucket;
    } catch {
      // falls through to the error below
    }
  }
  throw new StagingError(
    `workerPools[${pool}] has a local package folder but no staging bucket: pass --staging-bucket BUCKET (or set "stagingBucket" in settings)`,
  );
}

/** The staged object's URI for a pool: one rule for staging and for its preview. */
function stagedUri(bucket: string, objectFileName: string): string {
  return `gs://${bucket}/${PACKAGE_PREFIX}${objectFileName}`;
}

/**
 * The draft exactly as staging will submit it, without packing or uploading anything: each local
 * package folder's first URI becomes its content-hashed object name. The review shows this, so
 * its request and gcloud command are the ones submit sends (while the folder does not change).
 */
export async function previewStagedDraft(
  draft: JobDraft,
  options: Pick<StageOptions, 'stagingBucket'> = {},
): Promise<JobDraft> {
  const names = new Map<string, Promise<string>>();
  const pools = await Promise.all(
    draft.workerPools.map(async (pool, index) => {
      if (pool?.task.kind !== 'python-package' || !pool.task.localPackagePath) return pool;
      const folder = pool.task.localPackagePath;
      const bucket = bucketFor(pool.task.packageUris, options.stagingBucket, index);
      let name = names.get(folder);
      if (!name) {
        name = describePackageFolder(folder).then((identity) => identity.objectFileName);
        names.set(folder, name);
      }
      const uri = stagedUri(bucket, await name);
      return {...pool, task: {...pool.task, packageUris: [uri, ...pool.task.packageUris.slice(1)]}};
    }),
  );
  return {...draft, workerPools: pools as JobDraft['workerPools']};
}

export async function stageDraftPackages(
  draft: JobDraft,
  store: ObjectStore,
  options: StageOptions,
): Promise<{draft: JobDraft; staged: StagedPackage[]}> {
  const archives = new Map<string, PackageArchive>();
  const checkedBuckets = new Set<string>();
  const staged = new Map<string, StagedPackage>();
  const report = options.onProgress ?? (() => undefined);
  try {
    const pools = [];
    for (const [index, pool] of draft.workerPools.entries()) {
      if (pool?.task.kind !== 'python-package' || !pool.task.localPackagePath) {
        pools.push(pool);
        continue;
      }
      const folder = pool.task.localPackagePath;
      const bucket = bucketFor(pool.task.packageUris, options.stagingBucket, index);
      if (!checkedBuckets.has(bucket)) {
        const info = await store.describeBucket(bucket);
        const problem = bucketProblem(
          bucket,
          options.checkLocation === false ? {...info, location: undefined} : info,
          options.region,
        );
        if (problem) throw new StagingError(problem);
        checkedBuckets.add(bucket);
      }
      let archive = archives.get(folder);
      if (!archive) {
        report({name: folder, phase: 'packing', bytesSent: 0, totalBytes: 0});
        archive = await buildPackageArchive(folder);
        archives.set(folder, archive);
      }
      const object = `${PACKAGE_PREFIX}${archive.objectFileName}`;
      const uri = stagedUri(bucket, archive.objectFileName);
      if (!staged.has(uri)) {
        const progress = (phase: StageProgress['phase'], bytesSent: number) =>
          report({name: archive!.name, phase, bytesSent, totalBytes: archive!.sizeBytes});
        progress('checking', 0);
        const present = await store.exists(bucket, object);
        if (present) progress('skipped', archive.sizeBytes);
        else {
          await store.upload(archive.file, bucket, object, (sent) => progress('uploading', sent));
          progress('uploaded', archive.sizeBytes);
        }
        staged.set(uri, {
          folder,
          uri,
          sha256: archive.sha256,
          sizeBytes: archive.sizeBytes,
          uploaded: !present,
        });
      }
      pools.push({
        ...pool,
        task: {...pool.task, packageUris: [uri, ...pool.task.packageUris.slice(1)]},
      });
    }
    return {
      draft: {...draft, workerPools: pools as JobDraft['workerPools']},
      staged: [...staged.values()],
    };
  } finally {
    await Promise.all([...archives.values()].map((archive) => archive.dispose()));
  }
}

const megabytes = (bytes: number) =>
  `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1)} MB`;

/** One status line for a staging step, with a byte progress bar while uploading. */
export function formatStageProgress(progress: StageProgress, barWidth = 20): string {
  const {name, phase, bytesSent, totalBytes} = progress;
  if (phase === 'packing') return `Packing ${name}…`;
  if (phase === 'checking') return `Checking gs:// for ${name} (${megabytes(totalBytes)})…`;
  if (phase === 'skipped') return `${name} is already staged (same content); not uploading`;
  if (phase === 'uploaded') return `Uploaded ${name} (${megabytes(totalBytes)})`;
  const fraction = totalBytes > 0 ? Math.min(1, bytesSent / totalBytes) : 0;
  const filled = Math.round(fraction * barWidth);
  return `Uploading ${name} ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ${megabytes(bytesSent)} / ${megabytes(totalBytes)} (${Math.round(fraction * 100)}%)`;
}
