/** What happens to one file of the project. */
export type PlanAction = 'create' | 'replace' | 'merge' | 'conflict' | 'keep' | 'delete';

/** Why a file is kept as it is on disk, or why a written file is special. */
export type PlanReason =
  /** The template did not change it (any edit of the user's stays). */
  | 'unchanged'
  /** The project already holds the new version. */
  | 'same'
  /** The user deleted it; the template changed it, and the deletion stands. */
  | 'deleted-in-project'
  /** The template no longer makes it, but the user changed it. */
  | 'edited-in-project'
  /** Migrations already written are history: new ones are added, old ones never touched. */
  | 'append-only'
  /** The package manager writes it from package.json; a merge would only corrupt it. */
  | 'regenerated'
  /** The answers file is the CLI's record, written in full each time. */
  | 'rewritten'
  /** Both sides made a file at a path the base did not have. */
  | 'added-on-both-sides'
  /** Not text, so no line merge: the user's version stays and is reported. */
  | 'binary';

export interface PlanEntry {
  /** Relative to the project root, with "/". */
  path: string;
  action: PlanAction;
  reason?: PlanReason;
  /** For create, replace, merge and conflict: the bytes to write. */
  contents?: string | Buffer;
  /** File mode to write with: the user's for files that exist, the template's for new ones. */
  mode?: number;
  /** Conflicting hunks marked in `contents` (action "conflict"). */
  conflicts?: number;
}

/** Every file of base ∪ theirs ∪ disk that a render concerns, sorted by path. */
export interface WritePlan {
  entries: PlanEntry[];
  /** The template's package.json changed: the package manager must run (and rewrites the lockfile). */
  dependenciesChanged: boolean;
}

/** The entries that write or delete something. */
export function changesOf(plan: WritePlan): PlanEntry[] {
  return plan.entries.filter((e) => e.action !== 'keep');
}
