import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWrites } from '../../src/plan/planWrites.js';
import type { PlanEntry } from '../../src/plan/types.js';
import type { GeneratedFile } from '../../src/render/types.js';
import { useTempDir } from '../helpers.js';

const tempDir = useTempDir('csa-plan-');
const file = (path: string, contents: string | Buffer, mode = 0o644): GeneratedFile => ({ path, contents, mode });

/** A project folder holding `disk`, planned against base and theirs given as path → contents. */
async function plan(base: Record<string, string>, theirs: Record<string, string>, disk: Record<string, string | Buffer>) {
  const dir = await tempDir();
  for (const [path, contents] of Object.entries(disk)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  const toFiles = (o: Record<string, string>) => Object.entries(o).map(([p, c]) => file(p, c));
  const result = await planWrites({ base: toFiles(base), theirs: toFiles(theirs), projectDir: dir, answersFile: '.scaled-api.json' });
  return { dir, result, row: (path: string): PlanEntry | undefined => result.entries.find((e) => e.path === path) };
}

describe('planWrites: one row per file', () => {
  it('creates a file that is new in the template and absent from the project', async () => {
    const { row } = await plan({}, { 'src/new.ts': 'new\n' }, {});
    expect(row('src/new.ts')).toMatchObject({ action: 'create', contents: 'new\n' });
  });

  it('replaces a file the user did not change', async () => {
    const { row } = await plan({ 'a.ts': 'v1\n' }, { 'a.ts': 'v2\n' }, { 'a.ts': 'v1\n' });
    expect(row('a.ts')).toMatchObject({ action: 'replace', contents: 'v2\n' });
  });

  it('merges a file both changed in different places, keeping the user edit', async () => {
    const base = 'a\nb\nc\nd\ne\nf\ng\n';
    const { row } = await plan({ 'r.md': base }, { 'r.md': `${base}h\n` }, { 'r.md': `mine\n${base.slice(2)}` });
    expect(row('r.md')).toMatchObject({ action: 'merge', contents: 'mine\nb\nc\nd\ne\nf\ng\nh\n' });
  });

  it('marks a conflict when both changed the same line', async () => {
    const { row } = await plan({ 'x.ts': 'a\nb\nc\n' }, { 'x.ts': 'a\nTHEIRS\nc\n' }, { 'x.ts': 'a\nOURS\nc\n' });
    const entry = row('x.ts')!;
    expect(entry).toMatchObject({ action: 'conflict', conflicts: 1 });
    expect(entry.contents).toBe('a\n<<<<<<< ours\nOURS\n=======\nTHEIRS\n>>>>>>> theirs\nc\n');
  });

  it('keeps a file the template did not change, with the user edit in it', async () => {
    const { row } = await plan({ 'k.ts': 'same\n' }, { 'k.ts': 'same\n' }, { 'k.ts': 'edited\n' });
    expect(row('k.ts')).toMatchObject({ action: 'keep', reason: 'unchanged' });
  });

  it('keeps a file the user already made equal to the new version', async () => {
    const { row } = await plan({ 'k.ts': 'v1\n' }, { 'k.ts': 'v2\n' }, { 'k.ts': 'v2\n' });
    expect(row('k.ts')).toMatchObject({ action: 'keep', reason: 'same' });
  });

  it('deletes a file the template no longer makes when the user did not change it', async () => {
    const { row } = await plan({ 'old.ts': 'old\n' }, {}, { 'old.ts': 'old\n' });
    expect(row('old.ts')).toMatchObject({ action: 'delete' });
  });

  it('keeps and reports a file the template no longer makes when the user changed it', async () => {
    const { row } = await plan({ 'old.ts': 'old\n' }, {}, { 'old.ts': 'old, edited\n' });
    expect(row('old.ts')).toMatchObject({ action: 'keep', reason: 'edited-in-project' });
  });

  it('leaves a file the user deleted deleted, reporting it when the template changed it', async () => {
    const { row } = await plan({ 'gone.ts': 'v1\n', 'quiet.ts': 'v1\n' }, { 'gone.ts': 'v2\n', 'quiet.ts': 'v1\n' }, {});
    expect(row('gone.ts')).toMatchObject({ action: 'keep', reason: 'deleted-in-project' });
    expect(row('quiet.ts')).toMatchObject({ action: 'keep', reason: 'unchanged' });
  });

  it('has no row for a file neither the template nor the project has any more', async () => {
    const { result } = await plan({ 'gone.ts': 'v1\n' }, {}, {});
    expect(result.entries).toEqual([]);
  });

  it('merges a file made on both sides against an empty base', async () => {
    const { row } = await plan({}, { 'n.ts': 'theirs\n' }, { 'n.ts': 'mine\n' });
    expect(row('n.ts')).toMatchObject({ action: 'conflict', reason: 'added-on-both-sides' });
  });

  it('reports a binary file changed on both sides as a conflict and writes nothing to it', async () => {
    const { row } = await plan({ 'logo.png': 'v1\0' }, { 'logo.png': 'v2\0' }, { 'logo.png': Buffer.from('mine\0') });
    expect(row('logo.png')).toMatchObject({ action: 'conflict', reason: 'binary' });
    expect(row('logo.png')!.contents).toBeUndefined();
  });
});

describe('planWrites: files with their own rule', () => {
  const migration = 'src/database/migrations/0000_init.sql';

  it('never changes a migration that exists, even one the user never touched', async () => {
    const { row } = await plan({ [migration]: 'create a;\n' }, { [migration]: 'create a; create b;\n' }, { [migration]: 'create a;\n' });
    expect(row(migration)).toMatchObject({ action: 'keep', reason: 'append-only' });
  });

  it('adds a new migration', async () => {
    const next = 'src/database/migrations/0001_next.sql';
    const { row } = await plan({}, { [next]: 'alter;\n' }, {});
    expect(row(next)).toMatchObject({ action: 'create' });
  });

  it('never deletes a migration the template dropped', async () => {
    const { row } = await plan({ [migration]: 'create a;\n' }, {}, { [migration]: 'create a;\n' });
    expect(row(migration)).toMatchObject({ action: 'keep', reason: 'append-only' });
  });

  it('never merges package-lock.json, and says when dependencies changed', async () => {
    const { row, result } = await plan(
      { 'package-lock.json': '{"v":1}\n', 'package.json': '{"d":1}\n' },
      { 'package-lock.json': '{"v":2}\n', 'package.json': '{"d":2}\n' },
      { 'package-lock.json': '{"v":1,"installed":true}\n', 'package.json': '{"d":1}\n' },
    );
    expect(row('package-lock.json')).toMatchObject({ action: 'keep', reason: 'regenerated' });
    expect(result.dependenciesChanged).toBe(true);
  });

  it('says nothing of a lockfile or migration the template did not change', async () => {
    const lock = { 'package-lock.json': '{"v":1}\n' };
    const { row } = await plan(lock, lock, { 'package-lock.json': '{"v":1,"installed":true}\n' });
    expect(row('package-lock.json')).toMatchObject({ action: 'keep', reason: 'unchanged' });
  });

  it('does not flag dependencies when package.json is the same', async () => {
    const { result } = await plan({ 'package.json': '{}\n' }, { 'package.json': '{}\n' }, { 'package.json': '{}\n' });
    expect(result.dependenciesChanged).toBe(false);
  });

  it('rewrites the answers file whole, whatever the user did to it', async () => {
    const { row } = await plan({ '.scaled-api.json': '{"a":1}\n' }, { '.scaled-api.json': '{"a":2}\n' }, { '.scaled-api.json': '{"a":1,"mine":true}\n' });
    expect(row('.scaled-api.json')).toMatchObject({ action: 'replace', reason: 'rewritten', contents: '{"a":2}\n' });
  });
});

describe('planWrites: refuses to write where it must not', () => {
  it('refuses a folder where the template makes a file', async () => {
    const dir = await tempDir();
    mkdirSync(join(dir, 'a.ts'));
    await expect(planWrites({ base: [], theirs: [file('a.ts', 'x')], projectDir: dir, answersFile: '.scaled-api.json' })).rejects.toThrow(/is a folder/);
  });

  it('refuses a path that leads out of the project through a symlink', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    symlinkSync(outside, join(dir, 'src'));
    await expect(planWrites({ base: [], theirs: [file('src/x.ts', 'x')], projectDir: dir, answersFile: '.scaled-api.json' })).rejects.toThrow(/outside the project/);
  });

  it('keeps the mode of a file the user has, and gives a new file the template mode', async () => {
    const dir = await tempDir();
    writeFileSync(join(dir, 'run.sh'), 'v1\n', { mode: 0o755 });
    const result = await planWrites({
      base: [file('run.sh', 'v1\n')],
      theirs: [file('run.sh', 'v2\n'), file('new.sh', 'n\n', 0o755)],
      projectDir: dir,
      answersFile: '.scaled-api.json',
    });
    expect(result.entries.find((e) => e.path === 'run.sh')!.mode).toBe(0o755);
    expect(result.entries.find((e) => e.path === 'new.sh')!.mode).toBe(0o755);
  });
});
