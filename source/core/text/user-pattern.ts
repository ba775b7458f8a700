// The only place text typed by the user (dashboard `/` search, `logs --grep`) becomes a RegExp.
//
// Why: V8's default engine (irregexp) backtracks, so a pattern such as (a+)+$ over "aaaa…!" runs
// for hours inside one synchronous call. In the dashboard that froze the event loop: ctrl+c and q
// were never read, and when the terminal closed the orphan kept a core busy (issue #23 item 5).
//
// How: every user regex runs on V8's linear-time engine (the `l` flag, the one that
// --enable-experimental-regexp-engine turns on; flag-definitions.h: "recognize regexps with 'l'
// flag, run them on experimental engine"). Its time is linear in the input for any pattern it
// accepts. It refuses what it cannot run in linear time — backreferences, lookahead and
// lookbehind, bounded repetitions above {16}, and (on Node 20's V8) the u, v, d and i flags — and
// so do we, with one line naming the pattern and the rule; /re/i with ASCII letters is rewritten
// to run without the flag (fold-ascii-case.ts). The V8 flag is set here at run time, process-wide
// (node:v8), so it holds whatever VTRAIN_V8_FLAGS says, in every entry point and test. If a future
// V8 drops the engine, every user regex is refused (plain text search keeps working) rather than
// run unbounded.
//
// Plain text stays plain text: it is escaped and matched without case, a literal with no
// quantifier, which cannot backtrack.
import {setFlagsFromString} from 'node:v8';
import {foldAsciiCase} from './fold-ascii-case.js';

export type UserPattern = {regex: RegExp; error?: undefined} | {regex?: undefined; error: string};

let linearEngine: boolean | undefined;

/** Turns on V8's linear-time engine once; false when this V8 has none. */
export function hasLinearEngine(): boolean {
  if (linearEngine === undefined) {
    try {
      setFlagsFromString('--enable-experimental-regexp-engine');
      linearEngine = compiles('a', 'l');
    } catch {
      linearEngine = false;
    }
  }
  return linearEngine;
}

/** Plain text, matched anywhere and without case. */
export function plainTextPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

/**
 * Compiles a user regex on the linear-time engine. `label` names where it came from in the error
 * (e.g. `--grep "(a)\1"` or `/(a)\1/`). `g` is kept if asked for (highlighting), `l` is added.
 */
export function compileUserRegex(source: string, flags: string, label: string): UserPattern {
  const own = [...new Set(flags.replace(/l/g, ''))].join('');
  try {
    new RegExp(source, own);
  } catch (error) {
    return {error: `${label} is not a valid regular expression (${reason(error)})`};
  }
  if (!hasLinearEngine())
    return {
      error: `${label}: regular expressions need V8's linear-time engine, which this Node lacks; search for plain text instead.`,
    };
  // Without case on an engine that has no i flag: each ASCII letter in both cases instead.
  let body = source;
  let rest = own;
  if (own.includes('i') && !compiles('a', 'il')) {
    const folded = foldAsciiCase(source);
    if (folded !== undefined) [body, rest] = [folded, own.replace('i', '')];
  }
  try {
    return {regex: new RegExp(body, `${rest}l`)};
  } catch {
    // Which rule: a flag the engine lacks, or a construct it cannot run in linear time.
    const flag = [...rest].find((one) => !compiles('a', `${one}l`));
    if (flag)
      return {
        error: `${label}: the ${flag} flag cannot run in the safe (linear-time) regex engine${flag === 'i' ? ' with non-ASCII letters or escaped letters' : ''}; drop it${flag === 'i' ? ' (plain text search ignores case) or write [Aa] for each letter' : ''}.`,
      };
    const rules = engineRules(source);
    return {
      error: `${label}: ${rules.length ? rules.join(' and ') : 'this pattern'} cannot run in the safe (linear-time) regex engine; rewrite the pattern without ${rules.length > 1 ? 'them' : 'it'}${rules.some((rule) => rule.startsWith('counted')) ? ' (+ and * have no limit)' : ''}.`,
    };
  }
}

/** The same user regex with the `g` flag, for finding every match (highlighting). */
export function globalCopy(regex: RegExp): RegExp {
  return regex.global ? regex : new RegExp(regex.source, `${regex.flags}g`);
}

// What V8's linear engine refuses (src/regexp/experimental/experimental-compiler.cc,
// CanBeHandledVisitor: back references, lookarounds, and bounded repetitions it would have to copy
// more than kMaxReplicationFactor = 16 times: a{16} runs, a{17} and .{0,200} do not, on Node 20).
// Only for naming the rule: the engine itself decides.
const MAX_REPETITION = 16;
function engineRules(source: string): string[] {
  const rules: string[] = [];
  if (/\\[1-9]|\\k</.test(source)) rules.push('backreferences (\\1, \\k<name>)');
  if (/\(\?<?[=!]/.test(source)) rules.push('lookarounds ((?=, (?!, (?<=, (?<!)');
  const counts = [...source.matchAll(/\{(\d+)(?:,(\d*))?\}/g)].filter(
    ([, low, high]) => Number(low) > MAX_REPETITION || Number(high ?? 0) > MAX_REPETITION,
  );
  if (counts.length)
    rules.push(`counted repetitions above {${MAX_REPETITION}} (here ${counts[0]![0]})`);
  return rules;
}

function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}

function reason(error: unknown): string {
  return (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
}
