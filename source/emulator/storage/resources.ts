// Bucket and object resources in the JSON API's shape (storage#bucket, storage#object), with links
// that lead back through the same token-bearing endpoint the request came in on.
import type fs from 'node:fs';
import type {ObjectInfo} from './object-store.js';

export function bucketResource(name: string, stat: fs.Stats, projectNumber: string) {
  return {
    kind: 'storage#bucket',
    id: name,
    name,
    selfLink: `/storage/v1/b/${name}`,
    projectNumber,
    location: 'US-CENTRAL1',
    locationType: 'region',
    storageClass: 'STANDARD',
    metageneration: '1',
    etag: 'CAE=',
    timeCreated: stat.birthtime.toISOString(),
    updated: stat.mtime.toISOString(),
    iamConfiguration: {uniformBucketLevelAccess: {enabled: true}},
  };
}

export function objectResource(info: ObjectInfo, base: string) {
  const path = `/b/${encodeURIComponent(info.bucket)}/o/${encodeURIComponent(info.name)}`;
  return {
    kind: 'storage#object',
    id: `${info.bucket}/${info.name}/${info.generation}`,
    selfLink: `${base}/storage/v1${path}`,
    mediaLink: `${base}/download/storage/v1${path}?generation=${info.generation}&alt=media`,
    name: info.name,
    bucket: info.bucket,
    generation: info.generation,
    metageneration: info.metageneration,
    contentType: info.contentType,
    storageClass: 'STANDARD',
    size: String(info.size),
    md5Hash: info.md5Hash,
    crc32c: info.crc32c,
    // Changes with every new generation and every metadata patch, as Cloud Storage's does.
    etag: Buffer.from(`${info.generation}/${info.metageneration}`).toString('base64'),
    timeCreated: info.created.toISOString(),
    updated: info.updated.toISOString(),
    timeStorageClassUpdated: info.created.toISOString(),
    ...(info.metadata && {metadata: info.metadata}),
  };
}

/** The JSON API's error body. */
export function errorBody(status: number, reason: string, message: string) {
  return {error: {code: status, message, errors: [{message, domain: 'global', reason}]}};
}
