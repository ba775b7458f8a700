// Where staged packages go: Cloud Storage through the official @google-cloud/storage client
// (Vertex mode, and any server speaking its JSON API), or the local emulator's bucket folder.
// Both answer the same three questions, so staging (stage-packages.ts) has one code path.
import fs from 'node:fs/promises';
import path from 'node:path';
import {localObjectPath} from '../../core/job-spec/index.js';

export interface BucketInfo {
  exists: boolean;
  /** As Cloud Storage reports it: `US-CENTRAL1`, `US`, `EUR4`, … */
  location?: string;
  /** `region`, `dual-region` or `multi-region`. */
  locationType?: string;
  /** False when the caller lacks storage.objects.create; undefined when it could not be tested. */
  writable?: boolean;
}

export interface ObjectStore {
  /** e.g. "Cloud Storage (https://storage.googleapis.com)". */
  readonly description: string;
  describeBucket(bucket: string): Promise<BucketInfo>;
  exists(bucket: string, object: string): Promise<boolean>;
  upload(
    file: string,
    bucket: string,
    object: string,
    onProgress?: (bytesSent: number) => void,
  ): Promise<void>;
}

export interface GcsStoreOptions {
  /** Origin of the JSON API (services/vertex/endpoints.ts). */
  apiEndpoint: string;
  projectId?: string;
  /**
   * Send ADC tokens to a non-default endpoint. The Storage client sends none to a custom endpoint
   * unless told to; a gcloud-style override is a real Storage endpoint, so it gets them.
   */
  useAuthWithCustomEndpoint?: boolean;
  /**
   * Local emulator only: a missing bucket is created (in the region asked about) rather than
   * reported. Never for Vertex: a bucket in a user's project is theirs to create.
   */
  createMissingBuckets?: boolean;
}

/** Uploads above this size are resumable (the client's own default threshold is 5 MiB). */
const RESUMABLE_FROM_BYTES = 8 << 20;

export async function gcsObjectStore(options: GcsStoreOptions): Promise<ObjectStore> {
  const {Storage} = await import('@google-cloud/storage');
  const storage = new Storage({
    apiEndpoint: options.apiEndpoint,
    ...(options.projectId && {projectId: options.projectId}),
    ...(options.useAuthWithCustomEndpoint && {useAuthWithCustomEndpoint: true}),
    retryOptions: {autoRetry: true, maxRetries: 3},
  });
  return {
    description: `Cloud Storage (${options.apiEndpoint})`,
    async describeBucket(name) {
      const bucket = storage.bucket(name);
      const [exists] = await bucket.exists();
      if (!exists && !options.createMissingBuckets) return {exists: false};
      if (!exists) await bucket.create();
      const [metadata] = await bucket.getMetadata();
      let writable: boolean | undefined;
      try {
        const [permissions] = await bucket.iam.testPermissions(['storage.objects.create']);
        writable = permissions['storage.objects.create'] === true;
      } catch {
        writable = undefined;
      }
      return {
        exists: true,
        ...(metadata.location && {location: String(metadata.location)}),
        ...(metadata.locationType && {locationType: String(metadata.locationType)}),
        ...(writable !== undefined && {writable}),
      };
    },
    async exists(bucket, object) {
      const [exists] = await storage.bucket(bucket).file(object).exists();
      return exists;
    },
    async upload(file, bucket, object, onProgress) {
      const {size} = await fs.stat(file);
      try {
        await storage.bucket(bucket).upload(file, {
          destination: object,
          resumable: size >= RESUMABLE_FROM_BYTES,
          contentType: 'application/gzip',
          // Only create: a racing uploader of the same content hash must not be overwritten
          // mid-way (https://cloud.google.com/storage/docs/request-preconditions).
          preconditionOpts: {ifGenerationMatch: 0},
          ...(onProgress && {
            onUploadProgress: (event: {bytesWritten?: number}) =>
              onProgress(event.bytesWritten ?? 0),
          }),
        });
      } catch (error) {
        // 412: the object appeared after exists() said no. Staged names carry the content's
        // hash, so it holds these very bytes: staged, not an error.
        if ((error as {code?: unknown}).code !== 412) throw error;
      }
      onProgress?.(size);
    },
  };
}

/** The emulator's bucket folder (DATA_DIR/buckets/BUCKET/OBJECT), written atomically. */
export function folderObjectStore(bucketRoot: string): ObjectStore {
  const target = (bucket: string, object: string) =>
    localObjectPath(bucketRoot, `gs://${bucket}/${object}`);
  return {
    description: `the local emulator's buckets (${bucketRoot})`,
    async describeBucket() {
      // Local buckets come into being with their first object, in any region.
      return {exists: true, locationType: 'region', writable: true};
    },
    async exists(bucket, object) {
      return (await fs.stat(target(bucket, object)).catch(() => undefined))?.isFile() ?? false;
    },
    async upload(file, bucket, object, onProgress) {
      const destination = target(bucket, object);
      await fs.mkdir(path.dirname(destination), {recursive: true});
      const temporary = `${destination}.${process.pid}.tmp`;
      await fs.copyFile(file, temporary);
      // Rename is atomic, so the emulator never sees a half-written archive.
      await fs.rename(temporary, destination);
      onProgress?.((await fs.stat(destination)).size);
    },
  };
}

/**
 * A problem line when the bucket cannot serve a job in `region`: missing, not writable, or not a
 * single region equal to the job's (Vertex answers FAILED_PRECONDITION otherwise).
 */
export function bucketProblem(
  bucket: string,
  info: BucketInfo,
  region: string,
): string | undefined {
  if (!info.exists)
    return `the staging bucket gs://${bucket} does not exist; create it in the job's region: \`gcloud storage buckets create gs://${bucket} --location=${region}\``;
  if (info.writable === false)
    return `you cannot write to the staging bucket gs://${bucket} (storage.objects.create is missing); ask for roles/storage.objectAdmin on it or choose another bucket`;
  const location = info.location?.toLowerCase();
  const single = info.locationType === undefined || info.locationType === 'region';
  if (location && (!single || location !== region))
    return `the staging bucket gs://${bucket} is in ${info.location}${single ? '' : ` (${info.locationType})`}, but Vertex AI needs a single-region bucket in the job's region ${region}; use a bucket created with \`--location=${region}\``;
  return undefined;
}
