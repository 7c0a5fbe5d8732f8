import { describe, expect, it } from 'vitest';
import { defaultAnswers, fieldTypes } from '../../src/answers/types.js';
import { allPairs, buildMatrix, dimensions, fullProduct, pairsOf, pairwise } from '../../src/validate/matrix.js';

describe('validate matrix', () => {
  it('pairwise covers every pair of option values', () => {
    const rows = pairwise(dimensions);
    const covered = new Set(rows.flatMap((row) => pairsOf(row, dimensions)));
    for (const pair of allPairs(dimensions)) expect(covered, pair).toContain(pair);
  });

  it('pairwise is far smaller than the full product', () => {
    const pairs = pairwise(dimensions).length;
    const full = fullProduct(dimensions).length;
    expect(full).toBe(2 * 3 * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 4 * 2);
    // The two largest dimensions (pm: 4, cache: 3) bound it from below.
    expect(pairs).toBeGreaterThanOrEqual(12);
    expect(pairs).toBeLessThan(full / 20);
  });

  it('covers pairs of any shape of dimensions, deterministically', () => {
    const dims = { a: [1, 2, 3], b: ['x', 'y'], c: [true, false], d: ['p', 'q', 'r', 's'], e: [0, 1] };
    const rows = pairwise(dims);
    const covered = new Set(rows.flatMap((row) => pairsOf(row, dims)));
    expect([...allPairs(dims)].every((p) => covered.has(p))).toBe(true);
    expect(pairwise(dims)).toEqual(rows);
  });

  it('every combination is a complete, valid set of answers', () => {
    for (const kind of ['pairwise', 'full'] as const) {
      const matrix = buildMatrix(kind);
      for (const c of matrix) {
        for (const [key, values] of Object.entries(dimensions)) {
          if (key === 'resources') continue;
          expect(values as readonly unknown[]).toContain(c.answers[key as keyof typeof c.answers]);
        }
        expect([['items', 'users'], ['items', 'users', 'line-items']]).toContainEqual(c.answers.resources.map((r) => r.name));
      }
      expect(new Set(matrix.map((c) => c.label)).size).toBe(matrix.length);
    }
    expect(buildMatrix('default')).toHaveLength(1);
    expect(buildMatrix('default')[0]!.answers.resources).toEqual(defaultAnswers.resources);
    const extra = buildMatrix('pairwise').filter((c) => c.answers.resources.some((r) => r.name === 'line-items'));
    expect(new Set(extra.map((c) => c.answers.db))).toEqual(new Set(['postgres', 'none']));
    expect(new Set(extra.flatMap((c) => c.answers.resources.at(-1)!.fields.map((f) => f.type)))).toEqual(new Set(fieldTypes));
    expect(buildMatrix('full')).toHaveLength(fullProduct(dimensions).length);
  });
});
