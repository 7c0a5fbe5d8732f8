import type { Answers } from '../answers/types.js';

/** Which combinations `validate --matrix` checks; the CLI's option table offers these. */
export const matrixKinds = ['default', 'pairwise', 'full'] as const;
export type MatrixKind = (typeof matrixKinds)[number];

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One problem a check found, located in the generated project (and its template). */
export interface Finding {
  message: string;
  /** Path of the generated file, relative to the project root. */
  file?: string;
  line?: number;
  /** The template the file came from, so an author knows what to edit. */
  template?: string;
}

export interface CheckResult {
  name: string;
  status: CheckStatus;
  ms: number;
  /** Why it was skipped, or a short note (e.g. "same sources as #3"). */
  detail?: string;
  findings: Finding[];
}

export interface Combination {
  /** 1-based position in the matrix, shown in the table. */
  index: number;
  /** Short human label, e.g. "db=postgres cache=redis …". */
  label: string;
  answers: Answers;
}

export interface CombinationResult {
  combination: Combination;
  checks: CheckResult[];
  ms: number;
}
