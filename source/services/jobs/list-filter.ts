// The AIP-160 list filter (https://google.aip.dev/160) that Vertex's List calls take, parsed far
// enough to rewrite one job type's filter for another (see server-filter.ts) and printed back.
//
// Precedence follows AIP-160, not most programming languages: NOT (or `-`) binds tightest, then
// OR, then AND (explicit or implied by juxtaposition), so `a AND b OR c` is `a AND (b OR c)`.
// The printer parenthesises every composite operand, so the text it writes means the same under
// any reading of precedence.
//
// Anything this parser does not understand throws ListFilterSyntax; callers then send the user's
// text unchanged and let the server explain what is wrong with it.

export type ListFilter =
  | {kind: 'and' | 'or'; left: ListFilter; right: ListFilter}
  | {kind: 'not'; operand: ListFilter}
  | {kind: 'compare'; field: string; op: string; value: string; quoted: boolean}
  | {kind: 'literal'; text: string; quoted: boolean};

export class ListFilterSyntax extends Error {}

interface Token {
  type: 'word' | 'string' | 'op' | '(' | ')';
  text: string;
}

const OPERATORS = ['<=', '>=', '!=', '=', '<', '>', ':'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({type: ch, text: ch});
      i++;
    } else if (ch === '"') {
      let text = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== '"'; j++) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j];
      }
      if (j >= source.length) throw new ListFilterSyntax('unterminated string');
      tokens.push({type: 'string', text});
      i = j + 1;
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (op) {
        tokens.push({type: 'op', text: op});
        i += op.length;
        continue;
      }
      const word = /^[^\s()"<>=!:]+/.exec(source.slice(i));
      if (!word) throw new ListFilterSyntax(`unexpected "${ch}"`);
      tokens.push({type: 'word', text: word[0]});
      i += word[0].length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): ListFilter | undefined {
    if (this.tokens.length === 0) return undefined;
    const expression = this.expression();
    if (this.peek()) throw new ListFilterSyntax(`unexpected "${this.peek()!.text}"`);
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new ListFilterSyntax('unexpected end of filter');
    return token;
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text === word;
  }

  /** expression: sequence {AND sequence} */
  private expression(): ListFilter {
    let left = this.sequence();
    while (this.keyword('AND')) {
      this.next();
      left = {kind: 'and', left, right: this.sequence()};
    }
    return left;
  }

  /** sequence: factor {factor} (juxtaposition is an AND) */
  private sequence(): ListFilter {
    let left = this.factor();
    for (;;) {
      const token = this.peek();
      if (!token || token.type === ')' || this.keyword('AND') || this.keyword('OR')) return left;
      left = {kind: 'and', left, right: this.factor()};
    }
  }

  /** factor: term {OR term} */
  private factor(): ListFilter {
    let left = this.term();
    while (this.keyword('OR')) {
      this.next();
      left = {kind: 'or', left, right: this.term()};
    }
    return left;
  }

  /** term: [NOT | -] simple */
  private term(): ListFilter {
    if (this.keyword('NOT')) {
      this.next();
      return {kind: 'not', operand: this.term()};
    }
    const token = this.peek();
    if (token?.type === 'word' && token.text.startsWith('-')) {
      if (token.text === '-') this.next();
      else this.tokens[this.position] = {type: 'word', text: token.text.slice(1)};
      return {kind: 'not', operand: this.term()};
    }
    return this.simple();
  }

  private simple(): ListFilter {
    const token = this.next();
    if (token.type === '(') {
      const inner = this.expression();
      if (this.next().type !== ')') throw new ListFilterSyntax('expected ")"');
      return inner;
    }
    if (token.type !== 'word' && token.type !== 'string')
      throw new ListFilterSyntax(`unexpected "${token.text}"`);
    if (token.type === 'word' && ['AND', 'OR', 'NOT'].includes(token.text))
      throw new ListFilterSyntax(`unexpected "${token.text}"`);
    const op = this.peek();
    if (op?.type !== 'op')
      return {kind: 'literal', text: token.text, quoted: token.type === 'string'};
    if (token.type !== 'word') throw new ListFilterSyntax('a field name cannot be quoted');
    this.next();
    const value = this.next();
    if (value.type !== 'word' && value.type !== 'string')
      throw new ListFilterSyntax(`expected a value after "${op.text}"`);
    return {
      kind: 'compare',
      field: token.text,
      op: op.text,
      value: value.text,
      quoted: value.type === 'string',
    };
  }
}

/** The parsed filter, undefined for an empty one; throws ListFilterSyntax. */
export function parseListFilter(source: string): ListFilter | undefined {
  return new Parser(tokenize(source)).parse();
}

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function printListFilter(filter: ListFilter): string {
  const operand = (child: ListFilter) =>
    child.kind === 'and' || child.kind === 'or'
      ? `(${printListFilter(child)})`
      : printListFilter(child);
  switch (filter.kind) {
    case 'and':
      return `${operand(filter.left)} AND ${operand(filter.right)}`;
    case 'or':
      return `${operand(filter.left)} OR ${operand(filter.right)}`;
    case 'not':
      return `NOT ${operand(filter.operand)}`;
    case 'compare':
      return `${filter.field}${filter.op}${filter.quoted ? quote(filter.value) : filter.value}`;
    case 'literal':
      return filter.quoted ? quote(filter.text) : filter.text;
  }
}
