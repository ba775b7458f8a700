import {describe, expect, it} from 'vitest';
import {BUILTIN_CATALOG, validateDraft} from '../../../source/core/job-spec/index.js';
import {
  breadcrumb,
  locateProblem,
  poolsOfStep,
  problemsOfStep,
  stepAfter,
  stepBefore,
  visibleSteps,
} from '../../../source/ui/screens/wizard/step-model.js';
import {
  fieldsOf,
  fixTargets,
  openingField,
  stepById,
  STEPS,
} from '../../../source/ui/screens/wizard/steps/index.js';
import {baseDraft, containerPool, packagePool, STUDY} from '../job-spec/fixtures.js';
import {automl, CASES, pipeline, TODAY, tuning} from '../job-spec/rule-cases.js';

const ids = (draft: Parameters<typeof visibleSteps>[0]) => visibleSteps(draft).map((s) => s.id);

describe('wizard steps: which apply', () => {
  it('a custom job: no dataset, AutoML or study step', () => {
    expect(ids(baseDraft())).toEqual([
      'where',
      'training-type',
      'workflow',
      'container',
      'compute',
      'pools',
      'options',
      'review',
    ]);
  });

  it('a tuning job adds the study; a pipeline the dataset; a pipeline with tuning both', () => {
    expect(ids(tuning({}))).toContain('study');
    expect(ids(tuning({}))).not.toContain('dataset');
    expect(ids(pipeline({}))).toContain('dataset');
    expect(ids(pipeline({}))).not.toContain('study');
    expect(ids({...pipeline({}), study: STUDY})).toEqual(
      expect.arrayContaining(['dataset', 'study']),
    );
  });

  it('AutoML: dataset and AutoML inputs instead of container, compute and pools', () => {
    expect(ids(automl())).toEqual([
      'where',
      'training-type',
      'workflow',
      'dataset',
      'automl',
      'options',
      'review',
    ]);
  });

  it('moves forward and back over the steps that apply only', () => {
    const draft = baseDraft();
    expect(stepAfter(draft, 'workflow')).toBe('container');
    expect(stepBefore(draft, 'container')).toBe('workflow');
    expect(stepBefore(draft, 'where')).toBeUndefined();
    expect(stepAfter(draft, 'review')).toBe('review');
    expect(stepAfter(automl(), 'automl')).toBe('options');
  });

  it('shows per-pool steps once per used pool', () => {
    const draft = baseDraft({
      workerPools: [packagePool(), packagePool(2), undefined, containerPool()],
    });
    expect(poolsOfStep(draft, 'container')).toEqual([0, 1, 3]);
    expect(poolsOfStep(draft, 'options')).toEqual([]);
    expect(stepById('compute').kind).toBe('form');
    expect(stepById('study').kind).toBe('table');
    expect(stepById('pools').kind).toBe('pools');
  });
});

describe('every validation problem has a step and field that fix it', () => {
  for (const c of CASES) {
    it(`${c.rule} at ${c.path}`, () => {
      const problems = validateDraft(c.bad, c.today ?? TODAY).filter(
        (p) => p.rule === c.rule && p.path === c.path,
      );
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        const where = locateProblem(problem);
        expect(where.step, 'no step claims this path').not.toBe('review');
        expect(ids(c.bad), `step ${where.step} is not shown for this draft`).toContain(where.step);
        const step = stepById(where.step);
        expect(fixTargets(step)).toContain(where.field);
        if (step.perPool) {
          expect(where.pool).toBeDefined();
          expect(poolsOfStep(c.bad, where.step)).toContain(where.pool);
        }
      }
    });
  }
});

describe('problems by step and the breadcrumb', () => {
  it('puts a pool problem on that pool only and counts errors per step', () => {
    const draft = baseDraft({
      displayName: '',
      workerPools: [
        packagePool(),
        {...packagePool(2), machine: {machineType: 'n1-standard-4', acceleratorCount: 2}},
      ],
    });
    const problems = validateDraft(draft, TODAY);
    expect(problemsOfStep(problems, 'compute', 1).map((p) => p.rule)).toContain(
      'accelerator-pairing',
    );
    expect(problemsOfStep(problems, 'compute', 0).map((p) => p.rule)).not.toContain(
      'accelerator-pairing',
    );
    const crumbs = breadcrumb(draft, 'options', problems);
    expect(crumbs.find((c) => c.id === 'options')).toMatchObject({current: true, errors: 1});
    expect(crumbs.find((c) => c.id === 'compute')?.errors).toBe(1);
    expect(crumbs.find((c) => c.id === 'compute')?.summary).toBe(
      'n1-standard-8 + 2× NVIDIA_TESLA_T4',
    );
  });
});

describe('every fix is something the wizard lets the user do', () => {
  // The located field must be on screen for that draft (and pool), so the problem shows under a
  // field the user can change; a choice, pools or table step fixes through its own list.
  for (const c of CASES) {
    it(`${c.rule} at ${c.path} shows under a field of ${'its step'}`, () => {
      const problems = validateDraft(c.bad, c.today ?? TODAY).filter(
        (p) => p.rule === c.rule && p.path === c.path,
      );
      for (const problem of problems) {
        const where = locateProblem(problem);
        const step = stepById(where.step);
        if (step.kind !== 'form' || where.step === 'study') continue;
        const ctx = {catalog: BUILTIN_CATALOG, today: '2026-01-01', pool: where.pool ?? 0};
        const shown = fieldsOf(where.step, c.bad, ctx).filter((f) =>
          f.owns ? f.owns({path: problem.path, field: where.field}, c.bad) : f.id === where.field,
        );
        expect(
          shown.map((f) => f.id),
          `${where.step}.${where.field} is not shown`,
        ).not.toEqual([]);
      }
    });
  }

  it('a fix that names a step names the one that holds the field', () => {
    const titles = new Map(STEPS.map((s) => [s.title.toLowerCase(), s.id]));
    for (const c of CASES)
      for (const problem of validateDraft(c.bad, c.today ?? TODAY)) {
        const named = /\bin (?:the )?([a-z]+(?: [a-z]+)?)(?: step)?$/i.exec(problem.fix)?.[1];
        const step = named ? titles.get(named.toLowerCase()) : undefined;
        if (step)
          expect(step, `"${problem.fix}" (${problem.rule})`).toBe(locateProblem(problem).step);
      }
  });
});

describe('the step list, built from the step modules', () => {
  it('has each id once, and every claim names a field or part of its own step', () => {
    expect(new Set(STEPS.map((s) => s.id)).size).toBe(STEPS.length);
    for (const step of STEPS)
      for (const claim of step.claims) expect(fixTargets(step), step.id).toContain(claim.field);
  });

  it('the review opens a step on its first field, the container step on its image', () => {
    expect(openingField(stepById('where'))).toBe('backend');
    expect(openingField(stepById('container'))).toBe('image');
    expect(openingField(stepById('workflow'))).toBe('workflow');
    expect(openingField(stepById('review'))).toBe('');
  });
});
