import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';
import { buildOldCli, OLD_VERSION } from '../update/oldCli.js';

const tempDir = useTempDir('csa-e2e-update-');
const env = { CI: 'true', DATABASE_URL: '', REDIS_URL: '', TEST_DATABASE_URL: '' };
let oldCli = '';

beforeAll(async () => {
  oldCli = await buildOldCli(join(await tempDir(), 'cli-old'));
});

describe('update on an installed project whose package.json the new templates change', () => {
  let project = '';

  it('merges, then lets npm rewrite the lockfile', async () => {
    const cwd = await tempDir();
    const created = await execa('node', [join(oldCli, 'bin/create-scaled-api.js'), 'p', '--yes', '--pm', 'npm', '--no-smoke'], { cwd, reject: false, stdin: 'ignore', env });
    expect(created.exitCode, created.stderr).toBe(0);
    project = join(cwd, 'p');
    const lock = (dir: string) => JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { version: string };
    expect(lock(project).version).toBe('0.0.1');
    writeFileSync(join(project, 'deploy/nginx/nginx.conf'), `${readFileSync(join(project, 'deploy/nginx/nginx.conf'), 'utf8')}# user tuning\n`);
    await execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'user edit'], { cwd: project });

    const r = await runCli(['update', '--json'], { cwd: project, env });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ result: 'success', from: OLD_VERSION, installed: true, conflicts: [] });
    expect(out.plan.entries).toContainEqual({ path: 'package-lock.json', action: 'keep', reason: 'regenerated' });
    expect(out.steps.find((s: { name: string }) => s.name === 'install')).toMatchObject({ status: 'passed' });
    // npm, not a merge, brought the lockfile in line with the new package.json.
    expect(lock(project).version).toBe('0.1.0');
    expect(readFileSync(join(project, 'deploy/nginx/nginx.conf'), 'utf8')).toMatch(/worker_connections 4096;[\s\S]*# user tuning\n$/);
  });

  it('the updated project passes its own tests and builds', async () => {
    for (const script of [['test'], ['run', 'build']]) {
      const r = await execa('npm', script, { cwd: project, reject: false, all: true, env });
      expect(r.exitCode, `npm ${script.join(' ')}\n${r.all}`).toBe(0);
    }
  });
});
