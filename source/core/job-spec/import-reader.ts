// A typed reader over untrusted JSON-like input (a YAML/JSON file or an API object). It collects
// every problem with its field path instead of stopping at the first, and knows the two input
// dialects: `strict` (user files: unknown keys are errors) and lenient (API objects: proto3
// defaults such as "", 0, false and *_UNSPECIFIED mean "unset", output-only fields are ignored).
export type PathKey = string | number;

export interface ReadProblem {
  path: PathKey[];
  message: string;
  fix: string;
  severity: 'error' | 'warning';
}

export type Json = Record<string, unknown>;

export function formatPath(path: readonly PathKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export class Reader {
  readonly problems: ReadProblem[] = [];

  constructor(readonly strict: boolean) {}

  error(path: PathKey[], message: string, fix: string): void {
    this.problems.push({path, message, fix, severity: 'error'});
  }

  warn(path: PathKey[], message: string, fix: string): void {
    this.problems.push({path, message, fix, severity: 'warning'});
  }

  /** Proto3 default values stand for "not set" in API objects. */
  private unset(value: unknown): boolean {
    if (value === undefined || value === null) return true;
    if (this.strict) return false;
    return (
      value === '' ||
      value === false ||
      value === 0 ||
      value === '0' ||
      (typeof value === 'string' && value.endsWith('_UNSPECIFIED')) ||
      (Array.isArray(value) && value.length === 0)
    );
  }

  /**
   * An object with only `known` keys (plus `ignored` ones); `unsupported` keys are fields Vertex
   * has but drafts cannot hold yet, so they are refused rather than silently dropped.
   */
  object(
    value: unknown,
    path: PathKey[],
    known: readonly string[],
    unsupported: readonly string[] = [],
  ): Json | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.error(
        path,
        `${formatPath(path) || 'the document'} must be an object`,
        'write it as key: value pairs',
      );
      return undefined;
    }
    const object = value as Json;
    for (const [key, item] of Object.entries(object)) {
      if (known.includes(key)) continue;
      if (unsupported.includes(key)) {
        if (this.strict || !this.unset(item)) {
          const report = this.strict ? this.error.bind(this) : this.warn.bind(this);
          report(
            [...path, key],
            `${key} is not supported by vtrain-tui yet`,
            this.strict ? 'remove it, or submit this job with gcloud' : 'the clone leaves it out',
          );
        }
        continue;
      }
      if (!this.strict) continue; // output-only fields and oneof markers of API objects
      const asCamel = camel(key);
      this.error(
        [...path, key],
        `unknown field "${key}"`,
        known.includes(asCamel)
          ? `write it as ${asCamel}: gcloud and REST take camelCase keys`
          : `use one of ${known.join(', ')}`,
      );
    }
    return object;
  }

  string(value: unknown, path: PathKey[], required = false): string | undefined {
    if (this.unset(value)) {
      if (required) this.error(path, `${formatPath(path)} is required`, 'add it');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.error(
        path,
        `${formatPath(path)} must be text; got ${JSON.stringify(value)}`,
        'quote the value',
      );
      return undefined;
    }
    return value;
  }

  /** A whole number; int64 fields arrive as strings from REST and gRPC. */
  integer(value: unknown, path: PathKey[], required = false): number | undefined {
    if (this.unset(value)) {
      if (required) this.error(path, `${formatPath(path)} is required`, 'add a whole number');
      return undefined;
    }
    const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) {
      this.error(
        path,
        `${formatPath(path)} must be a whole number; got ${JSON.stringify(value)}`,
        'write digits only, e.g. 4',
      );
      return undefined;
    }
    return number;
  }

  number(value: unknown, path: PathKey[], required = false): number | undefined {
    if (value === undefined || value === null || (!this.strict && value === '')) {
      if (required) this.error(path, `${formatPath(path)} is required`, 'add a number');
      return undefined;
    }
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      this.error(
        path,
        `${formatPath(path)} must be a number; got ${JSON.stringify(value)}`,
        'write a number, e.g. 0.5',
      );
      return undefined;
    }
    return number;
  }

  boolean(value: unknown, path: PathKey[]): boolean | undefined {
    if (this.unset(value)) return undefined;
    if (typeof value !== 'boolean') {
      this.error(
        path,
        `${formatPath(path)} must be true or false; got ${JSON.stringify(value)}`,
        'write true or false',
      );
      return undefined;
    }
    return value;
  }

  enumName<T extends string>(
    value: unknown,
    path: PathKey[],
    allowed: readonly T[],
  ): T | undefined {
    const name = this.string(value, path);
    if (name === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(name)) {
      this.error(
        path,
        `${formatPath(path)} must be one of ${allowed.join(', ')}; got ${name}`,
        `use ${allowed.join(' or ')}`,
      );
      return undefined;
    }
    return name as T;
  }

  list(value: unknown, path: PathKey[]): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(
        path,
        `${formatPath(path)} must be a list`,
        'write one item per line starting with "- " (YAML) or use [...]',
      );
      return [];
    }
    return value;
  }

  stringList(value: unknown, path: PathKey[]): string[] {
    return this.list(value, path).flatMap((item, i) => {
      if (typeof item === 'string') return [item];
      if (typeof item === 'number' || typeof item === 'boolean') {
        this.error(
          [...path, i],
          `${formatPath([...path, i])} must be text; got ${String(item)}`,
          'quote it so it stays text',
        );
      } else {
        this.error(
          [...path, i],
          `${formatPath([...path, i])} must be text`,
          'write a plain string',
        );
      }
      return [];
    });
  }

  /** Seconds of a Duration in REST ("3600s") or client ({seconds}) form. */
  duration(value: unknown, path: PathKey[]): number | undefined {
    if (value === undefined || value === null) return undefined;
    let seconds: number | undefined;
    if (typeof value === 'string') {
      const match = /^(\d+(?:\.\d{1,9})?)s$/.exec(value.trim());
      seconds = match ? Number(match[1]) : undefined;
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const {seconds: s, nanos} = value as {seconds?: unknown; nanos?: unknown};
      const whole = Number(s ?? 0);
      const fraction = Number(nanos ?? 0) / 1e9;
      seconds = Number.isFinite(whole) && Number.isFinite(fraction) ? whole + fraction : undefined;
    }
    if (seconds === undefined) {
      this.error(
        path,
        `${formatPath(path)} must be a duration such as "3600s"; got ${JSON.stringify(value)}`,
        'write seconds followed by s, e.g. "7200s"',
      );
      return undefined;
    }
    if (!this.strict && seconds === 0) return undefined;
    return seconds;
  }

  stringMap(value: unknown, path: PathKey[]): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.error(
        path,
        `${formatPath(path)} must be a map of text values`,
        'write key: value pairs',
      );
      return {};
    }
    const map: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') map[key] = item;
      else
        this.error([...path, key], `${formatPath([...path, key])} must be text`, 'quote the value');
    }
    return map;
  }
}
