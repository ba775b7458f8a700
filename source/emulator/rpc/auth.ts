// Only the owner may use the emulator: every call must carry the secret key that the owner's
// files hold, compared in constant time. Calls without it get UNAUTHENTICATED.
import {timingSafeEqual} from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {EMULATOR_KEY_HEADER} from '../../core/job-spec/emulator-protocol.js';
import {RpcError} from './grpc-errors.js';

export function hasOwnerKey(metadata: grpc.Metadata, expected: string): boolean {
  const given = metadata.get(EMULATOR_KEY_HEADER)[0];
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkKey(metadata: grpc.Metadata, expected: string): void {
  if (!hasOwnerKey(metadata, expected)) {
    throw new RpcError(
      grpc.status.UNAUTHENTICATED,
      'This vtrain-tui emulator accepts calls only from its owner (missing or wrong key).',
    );
  }
}
