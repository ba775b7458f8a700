// The REST routes of the emulator, derived, never listed: for every unary method of every service
// the gRPC server serves, the method's google.api.http bindings (or its API's mixin rule) point at
// the very handler object gRPC calls. A service added to the gRPC server is served over REST too.
import type * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import {httpBindings, methodHttpRule, type HttpBinding, type HttpMethod} from './http-rule.js';
import {MIXIN_HTTP_RULES} from './mixin-rules.js';

export type UnaryHandler = (request: never, metadata: grpc.Metadata) => unknown;

/** A service as the server registers it: its gRPC definition and its handlers by method name. */
export interface ServedService {
  definition: grpc.ServiceDefinition;
  /** Keyed by the proto method name (`CreateCustomJob`) or its camelCase (`createCustomJob`). */
  handlers: Record<string, UnaryHandler>;
}

export interface RestRoute {
  /** `google.cloud.aiplatform.v1.JobService.CreateCustomJob` */
  selector: string;
  /** `CreateCustomJob`, the name fault injection and errors use. */
  methodName: string;
  binding: HttpBinding;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
  /** Undefined when the proto declares the method but the emulator does not implement it. */
  handler: UnaryHandler | undefined;
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export function buildRoutes(root: protobuf.Root, services: ServedService[]): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const {definition, handlers} of services) {
    const first = Object.values(definition)[0];
    if (!first) continue;
    // A method path is /package.Service/Method.
    const serviceName = first.path.split('/')[1] as string;
    const service = root.lookupService(serviceName);
    for (const method of service.methodsArray) {
      // HTTP/JSON has no client or bidirectional streaming (Google's REST surface neither).
      if (method.requestStream || method.responseStream) continue;
      const selector = `${serviceName}.${method.name}`;
      const rule = MIXIN_HTTP_RULES[selector] ?? methodHttpRule(method);
      const handler = handlers[method.name] ?? handlers[lowerFirst(method.name)];
      for (const binding of httpBindings(rule)) {
        routes.push({
          selector,
          methodName: method.name,
          binding,
          requestType: method.resolvedRequestType as protobuf.Type,
          responseType: method.resolvedResponseType as protobuf.Type,
          handler,
        });
      }
    }
  }
  return routes;
}

export interface RouteMatch {
  route: RestRoute;
  variables: Record<string, string>;
}

/** The route for a request, or which methods the path allows when only the verb is wrong. */
export function matchRoute(
  routes: RestRoute[],
  method: string,
  path: string,
): RouteMatch | {allowed: HttpMethod[]} | undefined {
  const allowed: HttpMethod[] = [];
  for (const route of routes) {
    const variables = route.binding.match(path);
    if (!variables) continue;
    if (route.binding.method === method.toLowerCase()) return {route, variables};
    allowed.push(route.binding.method);
  }
  return allowed.length > 0 ? {allowed} : undefined;
}
