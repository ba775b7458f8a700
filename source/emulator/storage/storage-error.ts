// A JSON API error: the HTTP status, Google's `reason` code and a one-line message, sent in
// Cloud Storage's error body (resources.ts errorBody). Its own module, so every part of the
// storage server can throw it without importing the object store.
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}
