import type { Feature } from './types.js';

export const MIN_REPLICAS = 1;
export const MAX_REPLICAS = 64;
/** First port of the local cluster's replicas (`npm run cluster`). */
export const CLUSTER_BASE_PORT = 8000;

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

function parseReplicas(text: string): number {
  const n = wholeNumberOf(text);
  const problem = replicasProblem(n);
  if (problem) throw new Error(problem);
  return n;
}

const DEFAULT_REPLICAS = 2;

// Nginx's upstream, the local cluster and docker-compose loop over the
// replicas; no file is there or not because of their number.
export const replicas: Feature = {
  id: 'replicas',
  answer: {
    key: 'replicas',
    flag: { long: 'replicas', value: '<n>', description: `API replicas behind Nginx (${MIN_REPLICAS}-${MAX_REPLICAS}, default ${DEFAULT_REPLICAS})`, parse: parseReplicas },
    schema: { type: 'integer', minimum: MIN_REPLICAS, maximum: MAX_REPLICAS, default: DEFAULT_REPLICAS, description: 'API replicas behind Nginx.' },
    default: DEFAULT_REPLICAS,
    // One replica is the edge case (a single upstream server, "api-1" only);
    // three proves the loops over replicaList. More changes nothing a
    // template can branch on.
    values: [1, 3],
    label: (n) => `replicas=${n}`,
    prompt: {
      kind: 'text',
      message: 'API replicas behind Nginx',
      summary: 'replicas',
      placeholder: String(DEFAULT_REPLICAS),
      problem: (text) => {
        const problem = replicasProblem(wholeNumberOf(text.trim() || String(DEFAULT_REPLICAS)));
        return problem && `The number of replicas ${problem}.`;
      },
      parse: (text) => wholeNumberOf(text.trim() || String(DEFAULT_REPLICAS)),
    },
  },
  parts: [],
  context: (a) => ({
    replicaList: Array.from({ length: a.replicas }, (_, i) => ({ index: i + 1, name: `api-${i + 1}`, port: CLUSTER_BASE_PORT + i })),
  }),
};
