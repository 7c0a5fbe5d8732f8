// Every dependency a generated project can get, pinned in one place so an
// upgrade is one diff, covered by the e2e suite that installs a project.
export const versions = {
  // filled in by the service templates work
} as const satisfies Record<string, string>;

export type PackageName = keyof typeof versions;
