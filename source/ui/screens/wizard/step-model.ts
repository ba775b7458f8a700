// The wizard's flow over its steps, without Ink: which steps apply to the draft and in what order
// one moves through them, which step and field fix a validation problem, and the breadcrumb. The
// steps themselves are modules in steps/; the views render this, and tests check it directly
// (every rule's fix lands on a step the user can reach).
import type {JobDraft, Problem} from '../../../core/job-spec/index.js';
import {usedPools} from './pools-model.js';
import {stepById, STEPS, type Step, type StepId} from './steps/index.js';

/** The steps that apply to the draft, in order. */
export function visibleSteps(draft: JobDraft): Step[] {
  return STEPS.filter((step) => step.when(draft));
}

/** The step after `id` that applies (the review is last), e.g. for enter. */
export function stepAfter(draft: JobDraft, id: StepId): StepId {
  const visible = visibleSteps(draft);
  const index = visible.findIndex((step) => step.id === id);
  return visible[Math.min(index + 1, visible.length - 1)]?.id ?? 'review';
}

/** The step before `id` that applies, or undefined on the first (esc then leaves the wizard). */
export function stepBefore(draft: JobDraft, id: StepId): StepId | undefined {
  const visible = visibleSteps(draft);
  const index = visible.findIndex((step) => step.id === id);
  if (index <= 0) return undefined;
  return visible[index - 1]?.id;
}

/** Rules whose fix is a choice on another step than their path suggests. */
const RULE_STEPS: Record<string, {step: StepId; field: string}> = {
  // "switch the workflow to hyperparameter tuning, or remove the study"
  'study-unused': {step: 'workflow', field: 'workflow'},
  // "switch the workflow to training pipeline"
  'automl-workflow': {step: 'workflow', field: 'workflow'},
};

export interface ProblemLocation {
  step: StepId;
  field: string;
  /** The worker pool (0–3) for per-pool steps. */
  pool?: number;
}

/** The step and field where the user fixes a problem; the review when nothing claims it. */
export function locateProblem(problem: Pick<Problem, 'path' | 'rule'>): ProblemLocation {
  const byRule = RULE_STEPS[problem.rule];
  if (byRule) return byRule;
  const pool = /^workerPools\[(\d+)\]/.exec(problem.path)?.[1];
  for (const step of STEPS) {
    const claim = step.claims.find((c) => c.path.test(problem.path));
    if (claim)
      return {
        step: step.id,
        field: claim.field,
        // Job-wide fields of a per-pool step (timeout, scheduling) live on the primary's page.
        ...(step.perPool && {pool: pool === undefined ? 0 : Number(pool)}),
      };
  }
  return {step: 'review', field: 'other'};
}

/**
 * Errors first, then warnings, each in the order of the steps that fix them (the review lists
 * them, and `e` visits them, the way the user walks the wizard); stable within a step.
 */
export function reviewOrder<T extends Pick<Problem, 'path' | 'rule' | 'severity'>>(
  problems: readonly T[],
): T[] {
  const rank = (problem: T) => {
    const at = STEPS.findIndex((step) => step.id === locateProblem(problem).step);
    return (problem.severity === 'warning' ? STEPS.length + 1 : 0) + (at < 0 ? STEPS.length : at);
  };
  return problems
    .map((problem, index) => ({problem, index, rank: rank(problem)}))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({problem}) => problem);
}

/** The problems a step (and, for per-pool steps, one pool) shows next to its fields. */
export function problemsOfStep(
  problems: readonly Problem[],
  step: StepId,
  pool?: number,
): (Problem & ProblemLocation)[] {
  return problems
    .map((problem) => ({...problem, ...locateProblem(problem)}))
    .filter(
      (p) => p.step === step && (pool === undefined || p.pool === undefined || p.pool === pool),
    );
}

export interface BreadcrumbItem {
  id: StepId;
  title: string;
  summary: string;
  current: boolean;
  errors: number;
}

/** The side panel / breadcrumb: every applicable step, its choice so far and its open errors. */
export function breadcrumb(
  draft: JobDraft,
  current: StepId,
  problems: readonly Problem[],
): BreadcrumbItem[] {
  const located = problems.filter((p) => p.severity === 'error').map((p) => locateProblem(p).step);
  return visibleSteps(draft).map((step) => ({
    id: step.id,
    title: step.title,
    summary: step.summary(draft),
    current: step.id === current,
    errors: located.filter((id) => id === step.id).length,
  }));
}

/** Pools a per-pool step is shown for. */
export function poolsOfStep(draft: JobDraft, step: StepId): number[] {
  return stepById(step).perPool ? usedPools(draft) : [];
}
