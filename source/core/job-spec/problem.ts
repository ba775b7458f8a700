// A validation finding: where (field path), which rule, what is wrong and how to fix it.
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Field path in request terms, e.g. `workerPools[1].machineSpec.acceleratorCount`. */
  path: string;
  /** Same as `path`; kept for callers written before `path` existed. */
  field: string;
  /** Stable rule id, e.g. `accelerator-count-allowed`. */
  rule: string;
  severity: Severity;
  /** Names the rule and what was found. */
  message: string;
  /** A concrete change that satisfies the rule. */
  fix: string;
}

export type AddProblem = (
  rule: string,
  path: string,
  message: string,
  fix: string,
  severity?: Severity,
) => void;

export function problemCollector(): {problems: Problem[]; add: AddProblem} {
  const problems: Problem[] = [];
  const add: AddProblem = (rule, path, message, fix, severity = 'error') => {
    problems.push({path, field: path, rule, severity, message, fix});
  };
  return {problems, add};
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}
