// The JSON API's object request preconditions, as Cloud Storage documents them
// (https://cloud.google.com/storage/docs/request-preconditions): ifGenerationMatch and
// ifMetagenerationMatch fail with 412 Precondition Failed, ifGenerationNotMatch and
// ifMetagenerationNotMatch with 304 Not Modified. A value of 0 means "no live object"
// (ifGenerationMatch=0: create only; ifGenerationNotMatch=0: only if it exists), per
// https://cloud.google.com/storage/docs/json_api/v1/objects/insert. Google's own test server for
// its clients (googleapis/storage-testbench, testbench/common.py make_json_preconditions) decides
// each case the same way, and is followed where the docs are silent (a missing object has
// metageneration 0 there).
import {StorageError} from './storage-error.js';

export interface Preconditions {
  ifGenerationMatch?: bigint;
  ifGenerationNotMatch?: bigint;
  ifMetagenerationMatch?: bigint;
  ifMetagenerationNotMatch?: bigint;
}

const NAMES = [
  'ifGenerationMatch',
  'ifGenerationNotMatch',
  'ifMetagenerationMatch',
  'ifMetagenerationNotMatch',
] as const;

/** The preconditions of a request's query; a value that is not a whole number is a 400. */
export function readPreconditions(query: URLSearchParams): Preconditions {
  const found: Preconditions = {};
  for (const name of NAMES) {
    const text = query.get(name);
    if (text === null) continue;
    if (!/^\d{1,19}$/.test(text.trim()))
      throw new StorageError(
        400,
        'invalid',
        `Invalid value for ${name}: "${text}"; it must be a whole number (a generation or metageneration, or 0 for "no live object").`,
      );
    found[name] = BigInt(text.trim());
  }
  return found;
}

export const hasPreconditions = (preconditions: Preconditions) =>
  NAMES.some((name) => preconditions[name] !== undefined);

/** Google's 412 body text, then which condition failed (so a user can see why). */
function failed(detail: string): StorageError {
  return new StorageError(
    412,
    'conditionNotMet',
    `At least one of the pre-conditions you specified did not hold. (${detail})`,
  );
}

/** 304 Not Modified: sent without a body (server's error handler). */
function notModified(detail: string): StorageError {
  return new StorageError(304, 'notModified', detail);
}

/**
 * Throws when a precondition does not hold for the live object (`current`, undefined when there
 * is none), 412 for the *Match conditions, 304 for the *NotMatch ones.
 */
export function checkPreconditions(
  preconditions: Preconditions,
  object: string,
  current: {generation: string; metageneration: string} | undefined,
): void {
  const generation = current ? BigInt(current.generation) : undefined;
  const metageneration = current ? BigInt(current.metageneration) : undefined;
  const live = current ? `${object} is at generation ${generation}` : `${object} does not exist`;
  const {ifGenerationMatch, ifGenerationNotMatch, ifMetagenerationMatch, ifMetagenerationNotMatch} =
    preconditions;
  if (ifGenerationMatch !== undefined) {
    const holds = ifGenerationMatch === 0n ? !current : generation === ifGenerationMatch;
    if (!holds)
      throw failed(
        ifGenerationMatch === 0n
          ? `ifGenerationMatch=0 asks to create ${object} only if it does not exist; it exists at generation ${generation}`
          : `ifGenerationMatch=${ifGenerationMatch}, but ${live}`,
      );
  }
  if (ifMetagenerationMatch !== undefined) {
    const holds =
      ifMetagenerationMatch === 0n ? !current : metageneration === ifMetagenerationMatch;
    if (!holds)
      throw failed(
        `ifMetagenerationMatch=${ifMetagenerationMatch}, but ${current ? `${object} is at metageneration ${metageneration}` : `${object} does not exist`}`,
      );
  }
  if (ifGenerationNotMatch !== undefined) {
    const holds =
      ifGenerationNotMatch === 0n ? current !== undefined : generation !== ifGenerationNotMatch;
    if (!holds) throw notModified(`ifGenerationNotMatch=${ifGenerationNotMatch}: ${live}`);
  }
  if (ifMetagenerationNotMatch !== undefined) {
    const holds =
      ifMetagenerationNotMatch === 0n
        ? current !== undefined
        : metageneration !== ifMetagenerationNotMatch;
    if (!holds)
      throw notModified(
        `ifMetagenerationNotMatch=${ifMetagenerationNotMatch}: ${current ? `${object} is at metageneration ${metageneration}` : `${object} does not exist`}`,
      );
  }
}
