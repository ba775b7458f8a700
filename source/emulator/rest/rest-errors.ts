// Google's REST error body ({"error": {code, message, status, details}}) and the HTTP status each
// gRPC code maps to (google.rpc.Code's documented HTTP mapping), so a REST client sees the same
// error a gRPC client would.
import * as grpc from '@grpc/grpc-js';

const HTTP_STATUS: Record<number, number> = {
  [grpc.status.OK]: 200,
  [grpc.status.CANCELLED]: 499,
  [grpc.status.UNKNOWN]: 500,
  [grpc.status.INVALID_ARGUMENT]: 400,
  [grpc.status.DEADLINE_EXCEEDED]: 504,
  [grpc.status.NOT_FOUND]: 404,
  [grpc.status.ALREADY_EXISTS]: 409,
  [grpc.status.PERMISSION_DENIED]: 403,
  [grpc.status.RESOURCE_EXHAUSTED]: 429,
  [grpc.status.FAILED_PRECONDITION]: 400,
  [grpc.status.ABORTED]: 409,
  [grpc.status.OUT_OF_RANGE]: 400,
  [grpc.status.UNIMPLEMENTED]: 501,
  [grpc.status.INTERNAL]: 500,
  [grpc.status.UNAVAILABLE]: 503,
  [grpc.status.DATA_LOSS]: 500,
  [grpc.status.UNAUTHENTICATED]: 401,
};

export function restStatus(code: grpc.status): number {
  return HTTP_STATUS[code] ?? 500;
}

export function restError(code: grpc.status, message: string) {
  return {
    error: {
      code: restStatus(code),
      message,
      status: grpc.status[code] ?? 'UNKNOWN',
      details: [],
    },
  };
}
