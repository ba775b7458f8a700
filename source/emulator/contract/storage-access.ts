// How a client reaches the local emulator's Cloud Storage JSON API and proves it is the owner.
// Shared by the emulator (which checks) and by the app, scripts and replicas (which connect); it
// imports nothing of the emulator, so the app can use it without loading the server.
//
// The scheme: a request is the owner's when it either carries `Authorization: Bearer <key>` (the
// owner's key from service.json, for clients that can send a header) or when its path starts with
// `/t/<storage token>/`. The second form exists for clients configured only by an endpoint URL
// (STORAGE_EMULATOR_HOST, `apiEndpoint`): the token rides inside the endpoint. The token is
// HMAC-SHA256(key, "vtrain-storage-v1") (also `storageToken` in service.json), so a client holding
// only service.json's key can derive it, and it changes with the key at every start of the
// service: whatever an exported endpoint sent to another program holding the port while the
// service was stopped is void by then (issue #23), at the price of running env-init again after a
// restart. The token is not the key, so a replica that prints its environment shows a credential
// for the buckets only, not the key that creates jobs.
import {createHmac} from 'node:crypto';

export const STORAGE_TOKEN_PATH = '/t/';

export interface StorageAccess {
  storagePort: number;
  key: string;
  /** The service's storage token; derived from the key when absent. */
  storageToken?: string;
}

export function storageToken(key: string): string {
  return createHmac('sha256', key).update('vtrain-storage-v1').digest('base64url');
}

/** `http://127.0.0.1:PORT/t/TOKEN`: the endpoint (no trailing slash) for apiEndpoint or STORAGE_EMULATOR_HOST. */
export function storageEndpoint(service: StorageAccess): string {
  const token = service.storageToken || storageToken(service.key);
  return `http://127.0.0.1:${service.storagePort}${STORAGE_TOKEN_PATH}${token}`;
}

/**
 * Options for `new Storage(...)` of @google-cloud/storage 7.x that reach the local emulator: the
 * token-bearing endpoint, and no Google credentials (a custom endpoint without
 * useAuthWithCustomEndpoint sends none, so the auth library never looks for a metadata server).
 */
export function storageClientOptions(
  service: StorageAccess,
  projectId: string,
): {apiEndpoint: string; projectId: string; useAuthWithCustomEndpoint: false} {
  return {apiEndpoint: storageEndpoint(service), projectId, useAuthWithCustomEndpoint: false};
}
