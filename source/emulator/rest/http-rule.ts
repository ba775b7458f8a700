// google.api.HttpRule bindings, read from a method's options as the .proto files declare them
// (`option (google.api.http) = {post: "/v1/{parent=projects/*/locations/*}/customJobs" body: "custom_job"}`,
// plus additional_bindings), compiled into matchers of request paths. The path template syntax
// is the one http.proto defines: literal segments, `*`, `**`, `{field.path}` and
// `{field.path=segments}`, and an optional `:verb`.
import type protobuf from 'protobufjs';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One HttpRule as it appears in parsed method options (proto field names). */
export interface HttpRuleOptions {
  get?: string;
  put?: string;
  post?: string;
  delete?: string;
  patch?: string;
  body?: string;
  response_body?: string;
  additional_bindings?: HttpRuleOptions[] | HttpRuleOptions;
}

export interface HttpBinding {
  method: HttpMethod;
  template: string;
  /** `*`, a top-level request field name (proto name), or undefined for no body. */
  body: string | undefined;
  responseBody: string | undefined;
  /** Field paths (proto names) bound from the path, in template order. */
  variables: string[];
  match(path: string): Record<string, string> | undefined;
}

export class HttpTemplateError extends Error {}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `*` matches one segment, `**` the rest of the path; anything else is a literal. */
function segmentsPattern(segments: string): string {
  return segments
    .split('/')
    .map((segment) => {
      if (segment === '*') return '[^/]+';
      if (segment === '**') return '.+';
      if (segment.includes('*')) {
        throw new HttpTemplateError(`segment "${segment}" mixes literals and wildcards`);
      }
      return escapeRegExp(segment);
    })
    .join('/');
}

export function compileTemplate(template: string): {
  variables: string[];
  match(path: string): Record<string, string> | undefined;
} {
  if (!template.startsWith('/'))
    throw new HttpTemplateError(`template "${template}" must start with /`);
  const variables: string[] = [];
  let pattern = '';
  let rest = template;
  // The verb is a `:name` after the last segment, outside any variable.
  const lastBrace = rest.lastIndexOf('}');
  const verbAt = rest.indexOf(':', lastBrace + 1);
  const verb = verbAt >= 0 ? rest.slice(verbAt) : '';
  if (verbAt >= 0) rest = rest.slice(0, verbAt);
  for (const part of rest.split(/(\{[^}]*\})/).filter(Boolean)) {
    if (part.startsWith('{')) {
      const [field, segments = '*'] = part.slice(1, -1).split('=') as [string, string?];
      if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/i.test(field)) {
        throw new HttpTemplateError(`template "${template}" has a bad variable "${part}"`);
      }
      variables.push(field);
      pattern += `(${segmentsPattern(segments)})`;
    } else {
      pattern += segmentsPattern(part);
    }
  }
  const regex = new RegExp(`^${pattern}${escapeRegExp(verb)}$`);
  return {
    variables,
    match(path) {
      const found = regex.exec(path);
      if (!found) return undefined;
      const values: Record<string, string> = {};
      variables.forEach((name, index) => {
        values[name] = decodeSegments(found[index + 1] as string);
      });
      return values;
    },
  };
}

/** Percent-decoding per segment keeps an encoded `/` (%2F) from splitting a resource name. */
function decodeSegments(value: string): string {
  try {
    return value
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
  } catch {
    return value;
  }
}

function bindingOf(rule: HttpRuleOptions): HttpBinding[] {
  const own = HTTP_METHODS.filter((method) => typeof rule[method] === 'string').map(
    (method): HttpBinding => {
      const template = rule[method] as string;
      const compiled = compileTemplate(template);
      return {
        method,
        template,
        body: rule.body || undefined,
        responseBody: rule.response_body || undefined,
        variables: compiled.variables,
        match: compiled.match,
      };
    },
  );
  // Parsed options hold one additional binding as an object and several as an array.
  const more = rule.additional_bindings;
  return [...own, ...(Array.isArray(more) ? more : more ? [more] : []).flatMap(bindingOf)];
}

/** The `(google.api.http)` rule of a method, with every additional binding. */
export function methodHttpRule(method: protobuf.Method): HttpRuleOptions | undefined {
  for (const option of method.parsedOptions ?? []) {
    const rule = (option as Record<string, unknown>)['(google.api.http)'];
    if (rule) return rule as HttpRuleOptions;
  }
  return undefined;
}

export function httpBindings(rule: HttpRuleOptions | undefined): HttpBinding[] {
  return rule ? bindingOf(rule) : [];
}
