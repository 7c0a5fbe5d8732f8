import { fieldTypes, type Answers, type Resource } from '../answers/types.js';
import { defaultAnswers } from '../answers/types.js';
import { answerSpecs } from '../features/index.js';
import type { AnswerSpec } from '../features/types.js';
import type { Combination, MatrixKind } from './types.js';

type Value = string | number | boolean;
export type Dimensions = Record<string, readonly Value[]>;

// Each answer's values come from its feature. The covering below is greedy,
// so the order of the dimensions decides its rows: replicas and the package
// manager go last, which keeps the rows every CI run has checked.
// The package manager is a dimension because the Dockerfile, the CI workflow
// and the scripts branch on it; its four values make pairwise ~12
// combinations instead of ~6, still cheap since the type-check is shared
// between combinations with identical sources.
const matrixAnswers: readonly AnswerSpec[] = [
  ...answerSpecs.filter((a) => a.key !== 'replicas' && a.key !== 'pm'),
  ...answerSpecs.filter((a) => a.key === 'replicas' || a.key === 'pm'),
];

export const dimensions: Dimensions & { resources: readonly ('default' | 'extra')[] } = {
  ...Object.fromEntries(matrixAnswers.map((a) => [a.key, a.values])),
  resources: ['default', 'extra'],
};

/**
 * A third resource as `add resource` would make it: a name of two words and
 * every field type, required, optional and unique, so validate proves that
 * a grown project type-checks and tests too.
 */
export const extraResource: Resource = {
  name: 'line-items',
  fields: [
    ...fieldTypes.map((type) => ({ name: `${type}Value`, type })),
    ...fieldTypes.map((type) => ({ name: `optional${type[0]!.toUpperCase()}${type.slice(1)}`, type, optional: true })),
    { name: 'code', type: 'string', unique: true },
    { name: 'contact', type: 'email', unique: true, optional: true },
    { name: 'quantity', type: 'integer', minimum: 1 },
  ],
};

const resourceSets: Record<(typeof dimensions.resources)[number], () => Resource[]> = {
  default: () => structuredClone(defaultAnswers.resources),
  extra: () => [...structuredClone(defaultAnswers.resources), structuredClone(extraResource)],
};

export type Row = Record<string, Value>;

/** Every combination of the dimensions' values (the cartesian product). */
export function fullProduct(dims: Dimensions): Row[] {
  let rows: Row[] = [{}];
  for (const [key, values] of Object.entries(dims)) {
    rows = rows.flatMap((row) => values.map((value) => ({ ...row, [key]: value })));
  }
  return rows;
}

function pairKey(a: string, av: Value, b: string, bv: Value): string {
  return `${a}=${String(av)}|${b}=${String(bv)}`;
}

/** Every pair of values of two different dimensions, as keys. */
export function allPairs(dims: Dimensions): Set<string> {
  const keys = Object.keys(dims);
  const pairs = new Set<string>();
  keys.forEach((a, i) => {
    for (const b of keys.slice(i + 1)) {
      for (const av of dims[a]!) for (const bv of dims[b]!) pairs.add(pairKey(a, av, b, bv));
    }
  });
  return pairs;
}

export function pairsOf(row: Row, dims: Dimensions): string[] {
  const keys = Object.keys(dims);
  const out: string[] = [];
  keys.forEach((a, i) => {
    for (const b of keys.slice(i + 1)) out.push(pairKey(a, row[a]!, b, row[b]!));
  });
  return out;
}

/**
 * All-pairs covering, greedy in the style of AETG: each new row is built one
 * dimension at a time, choosing the value that covers the most still-uncovered
 * pairs with the values chosen so far (and, on ties, the most pairs it could
 * still cover later). Starting from the first uncovered pair guarantees progress,
 * so it always terminates; deterministic, so the same templates get the same
 * matrix in every CI run.
 */
export function pairwise(dims: Dimensions): Row[] {
  const keys = Object.keys(dims);
  const uncovered = allPairs(dims);
  const rows: Row[] = [];
  while (uncovered.size > 0) {
    const [first] = uncovered;
    const seed: Row = {};
    for (const part of first!.split('|')) {
      const [key, text] = part.split('=') as [string, string];
      // The pair key holds strings; map back to the dimension's typed value.
      seed[key] = dims[key]!.find((v) => String(v) === text)!;
    }
    const row: Row = { ...seed };
    for (const key of keys) {
      if (key in row) continue;
      let best: Value = dims[key]![0]!;
      let bestScore = -1;
      for (const value of dims[key]!) {
        let now = 0;
        let later = 0;
        for (const other of keys) {
          if (other === key) continue;
          if (other in row) {
            const [x, xv, y, yv] = keys.indexOf(key) < keys.indexOf(other) ? [key, value, other, row[other]!] : [other, row[other]!, key, value];
            if (uncovered.has(pairKey(x, xv, y, yv))) now++;
          } else {
            for (const ov of dims[other]!) {
              const [x, xv, y, yv] = keys.indexOf(key) < keys.indexOf(other) ? [key, value, other, ov] : [other, ov, key, value];
              if (uncovered.has(pairKey(x, xv, y, yv))) later++;
            }
          }
        }
        const score = now * 1000 + later;
        if (score > bestScore) {
          bestScore = score;
          best = value;
        }
      }
      row[key] = best;
    }
    const ordered: Row = Object.fromEntries(keys.map((k) => [k, row[k]!]));
    for (const p of pairsOf(ordered, dims)) uncovered.delete(p);
    rows.push(ordered);
  }
  return rows;
}

function toAnswers(row: Row): Answers {
  return {
    name: 'validate-app',
    ...Object.fromEntries(matrixAnswers.map((a) => [a.key, row[a.key]])),
    resources: resourceSets[row.resources as keyof typeof resourceSets](),
  } as Answers;
}

export function labelOf(answers: Answers): string {
  return [...matrixAnswers.map((a) => a.label(answers[a.key])), `resources=${answers.resources.map((r) => r.name).join(',')}`].join(' ');
}

function defaultRow(): Row {
  const { resources: _resources, ...row } = defaultAnswers;
  return { ...row, pm: 'npm', resources: 'default' };
}

export function buildMatrix(kind: MatrixKind): Combination[] {
  const rows: Row[] =
    kind === 'default'
      ? [defaultRow()]
      : kind === 'full'
        ? fullProduct(dimensions)
        : pairwise(dimensions);
  return rows.map((row, i) => {
    const answers = toAnswers(row);
    return { index: i + 1, label: labelOf(answers), answers };
  });
}
