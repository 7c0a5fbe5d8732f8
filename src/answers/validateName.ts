import validatePackageName from 'validate-npm-package-name';

/** Returns why `name` cannot be an npm package name, or undefined when it can. */
export function whyInvalidName(name: string): string | undefined {
  const result = validatePackageName(name);
  if (result.validForNewPackages) return undefined;
  const reasons = [...(result.errors ?? []), ...(result.warnings ?? [])];
  return reasons[0] ?? 'not a valid npm package name';
}
