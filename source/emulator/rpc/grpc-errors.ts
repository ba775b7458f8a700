// gRPC errors with the status codes Vertex and Cloud Logging use.
import * as grpc from '@grpc/grpc-js';

export class RpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    /** Trailers to send with the status (e.g. google.rpc details: rpc-status.ts). */
    readonly metadata?: grpc.Metadata,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new RpcError(grpc.status.NOT_FOUND, message);
export const invalidArgument = (message: string) =>
  new RpcError(grpc.status.INVALID_ARGUMENT, message);
export const failedPrecondition = (message: string) =>
  new RpcError(grpc.status.FAILED_PRECONDITION, message);

export function toServiceError(error: unknown): Partial<grpc.ServiceError> {
  if (error instanceof RpcError)
    return {
      code: error.code,
      details: error.message,
      ...(error.metadata && {metadata: error.metadata}),
    };
  return {
    code: grpc.status.INTERNAL,
    details: `internal emulator error: ${(error as Error).message}`,
  };
}

/** Ends a server stream with the error's status (emitting 'error' makes grpc-js send it). */
export function failStream(call: {emit(event: 'error', error: Error): boolean}, error: unknown) {
  const status = toServiceError(error);
  call.emit('error', Object.assign(new Error(status.details), status));
}
