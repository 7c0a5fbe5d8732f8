import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseRef, recordBase } from '../../src/update/recordBase.js';

let dir: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const identity = ['-c', 'user.name=t', '-c', 'user.email=t@example.com'];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csa-record-base-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recordBase', () => {
  it('stores the rendered files under the base ref without touching the work tree, the index or any branch', async () => {
    git('init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README.md'), 'edited by the user\n');
    git('add', 'README.md');
    git(...identity, 'commit', '-q', '-m', 'first');
    writeFileSync(join(dir, 'staged.txt'), 'staged\n');
    git('add', 'staged.txt');
    const statusBefore = git('status', '--porcelain');

    const outcome = await recordBase(dir, [
      { path: 'README.md', contents: 'as rendered\n', mode: 0o644 },
      { path: 'scripts/run.sh', contents: Buffer.from('#!/bin/sh\n'), mode: 0o755 },
    ], '1.2.3');

    expect(outcome.done).toBe(true);
    expect(git('show', `${baseRef}:README.md`)).toBe('as rendered');
    expect(git('ls-tree', '-r', baseRef)).toMatch(/^100755 blob \w+\tscripts\/run\.sh$/m);
    expect(git('log', '-1', '--format=%s', baseRef)).toBe('create-scaled-api 1.2.3: rendered templates');
    expect(git('status', '--porcelain')).toBe(statusBefore);
    expect(git('branch', '--contains', baseRef)).toBe('');
    expect(git('rev-list', '--count', 'main')).toBe('1');
  });

  it('parents a new base on the previous one', async () => {
    git('init', '-q', '-b', 'main');
    const first = await recordBase(dir, [{ path: 'a.txt', contents: 'a\n', mode: 0o644 }], '1.0.0');
    const second = await recordBase(dir, [{ path: 'a.txt', contents: 'b\n', mode: 0o644 }], '1.1.0');
    if (!first.done || !second.done) throw new Error('not recorded');
    expect(git('rev-parse', `${baseRef}^`)).toBe(first.commit);
    expect(git('rev-parse', baseRef)).toBe(second.commit);
    expect(git('show', `${baseRef}:a.txt`)).toBe('b');
  });

  it('says why when the folder is not a repository', async () => {
    const outcome = await recordBase(dir, [{ path: 'a.txt', contents: 'a\n', mode: 0o644 }], '1.0.0');
    expect(outcome).toEqual({ done: false, why: 'the folder is not a git repository' });
  });
});
