export const dbChoices = ['postgres', 'none'] as const;
export const cacheChoices = ['redis', 'memory', 'none'] as const;
export const ciChoices = ['github', 'none'] as const;
export const pmChoices = ['npm', 'pnpm', 'yarn', 'bun'] as const;

export type Db = (typeof dbChoices)[number];
export type Cache = (typeof cacheChoices)[number];
export type Ci = (typeof ciChoices)[number];
export type PackageManager = (typeof pmChoices)[number];

export const MIN_REPLICAS = 1;
export const MAX_REPLICAS = 64;

/**
 * Why `value` cannot be a replica count, or undefined when it can: the one
 * rule behind --replicas, a preset's `replicas` and the prompt.
 */
export function replicasProblem(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= MIN_REPLICAS && (value as number) <= MAX_REPLICAS
    ? undefined
    : `must be a whole number from ${MIN_REPLICAS} to ${MAX_REPLICAS}`;
}

/** The number typed in `text`, or NaN unless it is digits only (no sign, fraction, exponent or hex). */
export function wholeNumberOf(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** What the generated project is made of; written to `.scaled-api.json`. */
export interface Answers {
  name: string;
  db: Db;
  cache: Cache;
  replicas: number;
  monitoring: boolean;
  docker: boolean;
  k8s: boolean;
  ci: Ci;
  pm: PackageManager;
}

/** How this run behaves; never written into the project. */
export interface RunOptions {
  directory: string;
  templateDir: string;
  install: boolean;
  git: boolean;
  smoke: boolean;
  dryRun: boolean;
  force: boolean;
  json: boolean;
  verbose: boolean;
  interactive: boolean;
}

export const defaultAnswers: Omit<Answers, 'name' | 'pm'> = {
  db: 'postgres',
  cache: 'redis',
  replicas: 2,
  monitoring: true,
  docker: true,
  k8s: false,
  ci: 'github',
};
