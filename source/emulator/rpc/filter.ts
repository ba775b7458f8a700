// The Cloud Logging / Vertex list filter language, the subset the app and gcloud use:
// comparisons (= != < <= > >= and the `:` has-operator) on dotted field paths, AND / OR / NOT
// (or a leading -), implicit AND, parentheses and quoted strings. Anything else is rejected with
// the token named.

export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':';

export type FilterExpr =
  | {kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr}
  | {kind: 'not'; operand: FilterExpr}
  | {kind: 'compare'; field: string; op: Comparator; value: string; at: number}
  | {kind: 'true'};

export class FilterSyntaxError extends Error {}

/**
 * Bounds that keep parsing and evaluation linear and shallow, so any filter gets an answer (a
 * 15,000-term filter overflowed the stack and never did). Cloud Logging documents the length:
 * "The maximum length of a filter is 20,000 characters" (logging.proto, ListLogEntriesRequest
 * .filter). Vertex documents no bound for list filters (job_service.proto ListCustomJobsRequest
 * .filter), so the same length and the counts below are the emulator's own.
 */
export const FILTER_LIMITS = {maxLength: 20_000, maxComparisons: 500, maxDepth: 50} as const;

interface Token {
  type: 'word' | 'string' | 'op' | 'lparen' | 'rparen';
  text: string;
  at: number;
}

const OPERATORS = ['<=', '>=', '!=', '=', '<', '>', ':'] as const;
const WORD = /[A-Za-z0-9_.*/@+\-[\]]+/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({type: ch === '(' ? 'lparen' : 'rparen', text: ch, at: i});
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j];
        j++;
      }
      if (j >= source.length) throw new FilterSyntaxError(`unterminated string starting at ${i}`);
      tokens.push({type: 'string', text, at: i});
      i = j + 1;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (op) {
        tokens.push({type: 'op', text: op, at: i});
        i += op.length;
        continue;
      }
      // Sticky, so each word is matched where it starts: linear in the filter's length.
      WORD.lastIndex = i;
      const match = WORD.exec(source);
      if (!match) throw new FilterSyntaxError(`unsupported character "${ch}" at ${i}`);
      tokens.push({type: 'word', text: match[0], at: i});
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  private depth = 0;
  private comparisons = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterExpr {
    if (this.tokens.length === 0) return {kind: 'true'};
    const expr = this.andExpr();
    const rest = this.peek();
    if (rest) throw new FilterSyntaxError(`unexpected "${rest.text}" at ${rest.at}`);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new FilterSyntaxError('unexpected end of filter');
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text === word;
  }

  // OR binds tighter than AND, the reverse of most languages, as Google documents for both list
  // filters (https://google.aip.dev/160#logical-operators) and Cloud Logging queries
  // (https://cloud.google.com/logging/docs/view/logging-query-language#boolean-expressions):
  // `a AND b OR c` is `a AND (b OR c)`; juxtaposition is an implicit AND.
  private andExpr(): FilterExpr {
    let left = this.orExpr();
    for (;;) {
      const token = this.peek();
      if (!token || token.type === 'rparen') return left;
      if (this.isKeyword('AND')) this.next();
      left = {kind: 'and', left, right: this.orExpr()};
    }
  }

  private orExpr(): FilterExpr {
    let left = this.unary();
    while (this.isKeyword('OR')) {
      this.next();
      left = {kind: 'or', left, right: this.unary()};
    }
    return left;
  }

  /** One level of NOT or parentheses deeper, refused past FILTER_LIMITS.maxDepth. */
  private nested<T>(at: number, inner: () => T): T {
    if (++this.depth > FILTER_LIMITS.maxDepth)
      throw new FilterSyntaxError(
        `nesting deeper than ${FILTER_LIMITS.maxDepth} levels of NOT or parentheses at ${at}; the emulator accepts at most ${FILTER_LIMITS.maxDepth}`,
      );
    const result = inner();
    this.depth--;
    return result;
  }

  private unary(): FilterExpr {
    if (this.isKeyword('NOT')) {
      const not = this.next();
      return this.nested(not.at, () => ({kind: 'not', operand: this.unary()}));
    }
    // A leading minus negates too: AIP-160's grammar is `term: [(NOT WS | MINUS)] simple`
    // (https://google.aip.dev/160#grammar), and the Logging query language reads `-a` as NOT a.
    // The tokenizer keeps `-` inside words, so `-state=x` arrives as the word "-state".
    const minus = this.peek();
    if (minus?.type === 'word' && minus.text.startsWith('-')) {
      if (minus.text === '-') this.next();
      else this.tokens[this.position] = {...minus, text: minus.text.slice(1), at: minus.at + 1};
      return this.nested(minus.at, () => ({kind: 'not', operand: this.unary()}));
    }
    const token = this.next();
    if (token.type === 'lparen') {
      return this.nested(token.at, () => {
        const inner = this.andExpr();
        const close = this.next();
        if (close.type !== 'rparen') throw new FilterSyntaxError(`expected ")" at ${close.at}`);
        return inner;
      });
    }
    if (token.type !== 'word' || token.text === 'AND' || token.text === 'OR') {
      throw new FilterSyntaxError(`unsupported token "${token.text}" at ${token.at}`);
    }
    // A quoted path segment, as in labels."ml.googleapis.com/trial_id", written right after a dot.
    let field = token.text;
    let end = token.at + token.text.length;
    for (;;) {
      const quoted = this.peek();
      if (quoted?.type !== 'string' || !field.endsWith('.') || quoted.at !== end) break;
      this.next();
      field += quoted.text;
      end = quoted.at + quoted.text.length + 2;
    }
    const op = this.next();
    if (op.type !== 'op') {
      throw new FilterSyntaxError(
        `expected a comparison after "${token.text}", got "${op.text}" at ${op.at}`,
      );
    }
    const value = this.next();
    if (value.type !== 'word' && value.type !== 'string') {
      throw new FilterSyntaxError(`expected a value after "${op.text}" at ${value.at}`);
    }
    if (++this.comparisons > FILTER_LIMITS.maxComparisons)
      throw new FilterSyntaxError(
        `more than ${FILTER_LIMITS.maxComparisons} comparisons (at ${token.at}); the emulator accepts at most ${FILTER_LIMITS.maxComparisons}: match on a label instead of listing values`,
      );
    return {
      kind: 'compare',
      field,
      op: op.text as Comparator,
      value: value.text,
      at: token.at,
    };
  }
}

export function parseFilter(source: string): FilterExpr {
  if (source.length > FILTER_LIMITS.maxLength)
    throw new FilterSyntaxError(
      `it is ${source.length} characters long; at most ${FILTER_LIMITS.maxLength} are accepted`,
    );
  return new Parser(tokenize(source)).parse();
}

const lexical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A field's value and how to compare it: `order` for = and the orderings, `has` for `:`. */
export interface ResolvedField {
  value: string | undefined;
  order?: (a: string, b: string) => number;
  has?: (actual: string, pattern: string) => boolean;
}

/** Resolves a field path to its value, or undefined for a field the service does not know. */
export interface FieldResolver {
  (field: string): ResolvedField | undefined;
}

/** Cloud Logging's `:`: a case-insensitive substring test; `:*` only asks that the field exists. */
const substringHas = (actual: string, pattern: string) =>
  pattern === '*' || actual.toLowerCase().includes(pattern.toLowerCase());

function compareValues(actual: string, expected: string, op: Comparator, field: ResolvedField) {
  if (op === ':') return (field.has ?? substringHas)(actual, expected);
  const sign = (field.order ?? lexical)(actual, expected);
  switch (op) {
    case '=':
      return sign === 0;
    case '!=':
      return sign !== 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
  }
}

export function evaluateFilter(expr: FilterExpr, resolve: FieldResolver): boolean {
  switch (expr.kind) {
    case 'true':
      return true;
    case 'and':
      return evaluateFilter(expr.left, resolve) && evaluateFilter(expr.right, resolve);
    case 'or':
      return evaluateFilter(expr.left, resolve) || evaluateFilter(expr.right, resolve);
    case 'not':
      return !evaluateFilter(expr.operand, resolve);
    case 'compare': {
      const field = resolve(expr.field);
      if (!field) throw new FilterSyntaxError(`unsupported field "${expr.field}"`);
      if (field.value === undefined) return expr.op === '!=';
      return compareValues(field.value, expr.value, expr.op, field);
    }
  }
}

/** What a service accepts for one field: its operators, and a check of the value's form. */
export interface FieldRule {
  operators: readonly Comparator[];
  /** Returns a problem with the value (e.g. "is not an RFC 3339 timestamp"), or undefined. */
  checkValue?: (value: string, op: Comparator) => string | undefined;
}

/**
 * Rejects, before any record is looked at, a field the service does not filter on, an operator
 * the field does not take, or a value of the wrong form; each error names the offending token.
 */
export function checkFilter(expr: FilterExpr, ruleFor: (field: string) => FieldRule | undefined) {
  switch (expr.kind) {
    case 'true':
      return;
    case 'and':
    case 'or':
      checkFilter(expr.left, ruleFor);
      checkFilter(expr.right, ruleFor);
      return;
    case 'not':
      checkFilter(expr.operand, ruleFor);
      return;
    case 'compare': {
      const rule = ruleFor(expr.field);
      if (!rule) throw new FilterSyntaxError(`unsupported field "${expr.field}" at ${expr.at}`);
      if (!rule.operators.includes(expr.op)) {
        throw new FilterSyntaxError(
          `unsupported operator "${expr.op}" for field "${expr.field}" at ${expr.at}; use one of ${rule.operators.join(' ')}`,
        );
      }
      const problem = rule.checkValue?.(expr.value, expr.op);
      if (problem) {
        throw new FilterSyntaxError(
          `value "${expr.value}" for field "${expr.field}" at ${expr.at} ${problem}`,
        );
      }
    }
  }
}
