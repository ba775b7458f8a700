// One failing and one passing draft per validation rule (the cases live in rule-cases.ts).
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {validateDraft} from '../../../source/core/job-spec/index.js';
import {baseDraft} from './fixtures.js';
import {automl, CASES, pipeline, TODAY, tuning} from './rule-cases.js';

describe('validation rules: one failing and one passing draft each', () => {
  for (const c of CASES) {
    it(`${c.rule} at ${c.path}`, () => {
      const bad = validateDraft(c.bad, c.today ?? TODAY).filter((p) => p.rule === c.rule);
      expect(bad.map((p) => p.path)).toContain(c.path);
      for (const problem of bad) {
        expect(problem.field).toBe(problem.path);
        expect(problem.message.length).toBeGreaterThan(10);
        expect(problem.fix.length).toBeGreaterThan(3);
      }
      if (c.message) expect(bad.map((p) => p.message).join('\n')).toMatch(c.message);
      const good = validateDraft(c.good, c.goodToday ?? c.today ?? TODAY);
      expect(good.filter((p) => p.rule === c.rule)).toEqual([]);
    });
  }

  it('covers every rule the validator can emit, on fixtures that are clean', () => {
    const dir = path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../source/core/job-spec',
    );
    const emitted = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('validate'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const match of text.matchAll(/(?:add\(\s*|\[\s*draft\.\w+,\s*)'([a-z0-9-]+)'/g)) {
        emitted.add(match[1]!);
      }
    }
    expect(emitted.size).toBeGreaterThan(80);
    const covered = new Set(CASES.map((c) => c.rule));
    expect([...emitted].filter((rule) => !covered.has(rule))).toEqual([]);
    // The base fixtures must be free of errors, so each failing case isolates its rule.
    for (const draft of [baseDraft(), tuning({}), automl(), pipeline({})]) {
      expect(validateDraft(draft, TODAY).filter((p) => p.severity === 'error')).toEqual([]);
    }
  });
});
