// HTTP rules that come from an API's service configuration rather than from its .proto files.
// google.longrunning.Operations is a "mixin": operations.proto annotates it generically
// (`/v1/{name=operations/**}`), and each API's service config rebinds it under its own resource
// tree. Vertex AI names its operations projects/*/locations/*/operations/*, so these are the
// bindings of Vertex's service config (the ones the installed aiplatform client lists in its
// httpRules) for the operation names this emulator issues. Every other method is served from
// its own proto annotation; a test checks these against the installed client.
import type {HttpRuleOptions} from './http-rule.js';

const OPERATION = '/v1/{name=projects/*/locations/*/operations/*}';

export const MIXIN_HTTP_RULES: Record<string, HttpRuleOptions> = {
  'google.longrunning.Operations.GetOperation': {get: OPERATION},
  'google.longrunning.Operations.ListOperations': {
    get: '/v1/{name=projects/*/locations/*}/operations',
  },
  'google.longrunning.Operations.DeleteOperation': {delete: OPERATION},
  'google.longrunning.Operations.CancelOperation': {post: `${OPERATION}:cancel`},
  'google.longrunning.Operations.WaitOperation': {post: `${OPERATION}:wait`},
};
