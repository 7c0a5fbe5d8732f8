import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/plan/applyPlan.js';
import type { WritePlan } from '../../src/plan/types.js';
import { runInterruptHandlers } from '../../src/utils/interrupts.js';
import { listFiles, useTempDir } from '../helpers.js';

const tempDir = useTempDir('csa-apply-');

/** A project with three files, and a plan that touches each kind of row. */
async function project() {
  const dir = await tempDir();
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'README.md'), 'readme v1\n');
  writeFileSync(join(dir, 'src/app.ts'), 'app v1\n', { mode: 0o600 });
  writeFileSync(join(dir, 'old.ts'), 'old\n');
  writeFileSync(join(dir, '.scaled-api.json'), '{"v":1}\n');
  const plan: WritePlan = {
    dependenciesChanged: false,
    entries: [
      { path: '.scaled-api.json', action: 'replace', reason: 'rewritten', contents: '{"v":2}\n', mode: 0o644 },
      { path: 'README.md', action: 'merge', contents: 'readme merged\n', mode: 0o644 },
      { path: 'old.ts', action: 'delete' },
      { path: 'src/app.ts', action: 'conflict', contents: '<<<<<<< ours\n', mode: 0o600, conflicts: 1 },
      { path: 'src/resources/orders/model.ts', action: 'create', contents: 'model\n', mode: 0o644 },
      { path: 'src/unchanged.ts', action: 'keep', reason: 'unchanged' },
    ],
  };
  const snapshot = async () => Object.fromEntries(await Promise.all((await listFiles(dir)).map(async (p) => [p, readFileSync(join(dir, p), 'utf8')])));
  return { dir, plan, before: await snapshot(), snapshot };
}

describe('applyPlan', () => {
  it('writes every row, keeps modes, and writes the answers file last', async () => {
    const { dir, plan, snapshot } = await project();
    const order: string[] = [];
    const written = await applyPlan(plan, dir, { last: ['.scaled-api.json'], afterEach: (e) => order.push(e.path) });
    expect(written).toHaveLength(5);
    expect(order.at(-1)).toBe('.scaled-api.json');
    expect(await snapshot()).toEqual({
      '.scaled-api.json': '{"v":2}\n',
      'README.md': 'readme merged\n',
      'src/app.ts': '<<<<<<< ours\n',
      'src/resources/orders/model.ts': 'model\n',
    });
    expect(statSync(join(dir, 'src/app.ts')).mode & 0o777).toBe(0o600);
  });

  it('rolls everything back when a write fails midway', async () => {
    const { dir, plan, before, snapshot } = await project();
    let n = 0;
    const failing = () => {
      if (++n === 4) throw new Error('disk full');
    };
    await expect(applyPlan(plan, dir, { afterEach: failing })).rejects.toThrow('disk full');
    expect(await snapshot()).toEqual(before);
    expect(existsSync(join(dir, 'src/resources'))).toBe(false);
    expect(statSync(join(dir, 'src/app.ts')).mode & 0o777).toBe(0o600);
  });

  it('rolls back on Ctrl-C between two files', async () => {
    const { dir, plan, before, snapshot } = await project();
    let n = 0;
    const interrupt = () => {
      if (++n < 5) return;
      // What the SIGINT handler does before the process exits.
      runInterruptHandlers();
      throw new Error('exited');
    };
    await expect(applyPlan(plan, dir, { afterEach: interrupt })).rejects.toThrow('exited');
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back when the file system refuses a write', async () => {
    const { dir, plan, before, snapshot } = await project();
    // A file where a folder has to be: creating src/resources/orders/ fails.
    writeFileSync(join(dir, 'src/resources'), 'in the way\n');
    const expected = { ...before, 'src/resources': 'in the way\n' };
    await expect(applyPlan(plan, dir)).rejects.toThrow();
    expect(await snapshot()).toEqual(expected);
  });
});
