import type { PlanAction, PlanEntry, PlanReason, WritePlan } from './types.js';

const MAX_LINES_PER_GROUP = 12;

const headings: Record<PlanAction, string> = {
  create: 'created',
  replace: 'replaced',
  merge: 'merged',
  conflict: 'conflict',
  delete: 'deleted',
  keep: 'kept',
};

const reasons: Record<PlanReason, string> = {
  unchanged: 'unchanged by the template',
  same: 'already up to date',
  'deleted-in-project': 'deleted in the project, so not written again',
  'edited-in-project': 'the template no longer makes it, but it was edited here',
  'append-only': 'migrations already written are never changed',
  regenerated: 'the package manager writes it',
  rewritten: 'rewritten by create-scaled-api',
  'added-on-both-sides': 'made here and by the template',
  binary: 'binary: your version kept, merge it by hand',
};

/** Kept files worth a line: the ones where the template wanted a change that did not happen. */
const reportedKeeps = new Set<PlanReason | undefined>(['deleted-in-project', 'edited-in-project', 'append-only', 'regenerated']);

export function isReported(entry: PlanEntry): boolean {
  return entry.action !== 'keep' || reportedKeeps.has(entry.reason);
}

function describe(entry: PlanEntry): string {
  const notes: string[] = [];
  if (entry.action === 'merge') notes.push('your edits kept');
  if (entry.action === 'conflict' && entry.conflicts && entry.reason !== 'binary') notes.push(`${entry.conflicts} ${entry.conflicts === 1 ? 'hunk' : 'hunks'} marked`);
  if (entry.reason && entry.reason !== 'rewritten') notes.push(reasons[entry.reason]);
  return notes.length > 0 ? `${entry.path} (${notes.join('; ')})` : entry.path;
}

/**
 * A screen's worth of what the plan does, one group per action, with the
 * count of files it leaves alone. `dryRun` words it as what would happen;
 * `words` renames a group's heading.
 */
export function summaryLines(plan: WritePlan, dryRun: boolean, words: Partial<Record<PlanAction, string>> = {}): string[] {
  const lines: string[] = [];
  const order: PlanAction[] = ['create', 'replace', 'merge', 'conflict', 'delete', 'keep'];
  for (const action of order) {
    const group = plan.entries.filter((e) => e.action === action && isReported(e));
    if (group.length === 0) continue;
    const word = words[action] ?? headings[action];
    const heading = dryRun ? `would be ${action === 'conflict' ? 'in conflict' : word}` : word;
    lines.push(`  ${heading} (${group.length}):`);
    for (const entry of group.slice(0, MAX_LINES_PER_GROUP)) lines.push(`    ${describe(entry)}`);
    if (group.length > MAX_LINES_PER_GROUP) lines.push(`    … and ${group.length - MAX_LINES_PER_GROUP} more (--json lists them all)`);
  }
  const quiet = plan.entries.filter((e) => !isReported(e)).length;
  if (quiet > 0) lines.push(`  untouched: ${quiet} other ${quiet === 1 ? 'file' : 'files'}`);
  return lines;
}

/** The plan as JSON: every entry without its contents. */
export function planJson(plan: WritePlan): object {
  return {
    entries: plan.entries.map(({ path, action, reason, conflicts }) => ({ path, action, ...(reason ? { reason } : {}), ...(conflicts ? { conflicts } : {}) })),
    counts: Object.fromEntries((['create', 'replace', 'merge', 'conflict', 'delete', 'keep'] as const).map((a) => [a, plan.entries.filter((e) => e.action === a).length])),
    dependenciesChanged: plan.dependenciesChanged,
  };
}
