import type { WrittenProject } from '../project.js';
import type { CheckStatus, Finding } from '../types.js';
import type { Tools } from '../tools.js';

export interface CheckContext {
  project: WrittenProject;
  /** The shared install's node_modules, when there is one. */
  nodeModules?: string;
  tools: Tools;
  verbose: boolean;
  /** Memo shared by all combinations, for checks whose result depends only on some files. */
  memo: Map<string, Promise<Outcome & { by: number }>>;
  combinationIndex: number;
}

export interface Outcome {
  status: CheckStatus;
  findings: Finding[];
  detail?: string;
}

/** One check over a rendered combination; `applies` decides whether it is counted at all. */
export interface Check {
  name: string;
  applies: (project: WrittenProject) => boolean;
  run: (context: CheckContext) => Promise<Outcome>;
}

export const passed = (detail?: string): Outcome => ({ status: 'passed', findings: [], ...(detail ? { detail } : {}) });
export const skipped = (detail: string): Outcome => ({ status: 'skipped', findings: [], detail });
export const failedWith = (findings: Finding[]): Outcome => (findings.length ? { status: 'failed', findings } : passed());

/** Line (1-based) of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
