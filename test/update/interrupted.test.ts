import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { Reporter } from '../../src/ui/reporter.js';
import { readBase } from '../../src/update/readBase.js';
import { recordBase } from '../../src/update/recordBase.js';
import { updateProject } from '../../src/update/updateProject.js';
import { runInterruptHandlers } from '../../src/utils/interrupts.js';
import { cliBin, listFiles, runCli, useTempDir } from '../helpers.js';

const tempDir = useTempDir('csa-update-stop-');
const git = async (cwd: string, ...args: string[]) => (await execa('git', args, { cwd })).stdout;

/**
 * A project whose recorded base is an older render: five files the user
 * never touched differ from this version's, and one file the new templates
 * no longer make, so an update writes several files.
 */
async function projectBehind(): Promise<string> {
  const cwd = await tempDir();
  expect((await runCli(['p', '--yes', '--no-install', '--no-smoke'], { cwd })).exitCode).toBe(0);
  const dir = join(cwd, 'p');
  const older = ['README.md', 'deploy/nginx/nginx.conf', 'Dockerfile', 'src/app.ts', 'tsconfig.json'];
  const base = (await readBase(dir))!.files.map((f) => (older.includes(f.path) ? { ...f, contents: `${f.contents.toString()}// older\n` } : f));
  base.push({ path: 'docs/OLD.md', contents: 'old\n', mode: 0o644 });
  // Recorded as 0.0.0: older than the version the tests run these modules as.
  const answers = JSON.parse(readFileSync(join(dir, '.scaled-api.json'), 'utf8'));
  const file = `${JSON.stringify({ ...answers, templateVersion: '0.0.0' }, null, 2)}\n`;
  for (const f of base) if (f.path === '.scaled-api.json') f.contents = file;
  for (const f of base) if (older.includes(f.path) || f.path === 'docs/OLD.md' || f.path === '.scaled-api.json') writeOut(dir, f.path, f.contents);
  await git(dir, 'add', '-A');
  await git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'as 0.0.0 made it');
  await recordBase(dir, base, '0.0.0');
  return dir;
}

function writeOut(dir: string, path: string, contents: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), contents);
}

async function state(dir: string) {
  const files = (await listFiles(dir)).filter((p) => !p.startsWith('.git/'));
  return {
    files: Object.fromEntries(files.map((p) => [p, readFileSync(join(dir, p), 'utf8')])),
    status: await git(dir, 'status', '--porcelain'),
    base: await git(dir, 'rev-parse', 'refs/scaled-api/base'),
  };
}

describe('an interrupted update leaves the project as it was', () => {
  it('Ctrl-C midway through the write: every file put back, the base not moved', async () => {
    const dir = await projectBehind();
    const before = await state(dir);
    let written = 0;
    const ctrlC = () => {
      if (++written < 3) return;
      // What the SIGINT handler in src/index.ts does before it exits.
      runInterruptHandlers();
      throw new CancelledError();
    };
    await expect(updateProject({ dir }, new Reporter('json'), () => {}, { afterEach: ctrlC })).rejects.toBeInstanceOf(CancelledError);
    expect(written).toBe(3);
    expect(await state(dir)).toEqual(before);
  });

  it('a failed write midway: rolled back the same way', async () => {
    const dir = await projectBehind();
    const before = await state(dir);
    let written = 0;
    const diskFull = () => {
      if (++written === 4) throw new Error('ENOSPC: no space left on device');
    };
    await expect(updateProject({ dir }, new Reporter('json'), () => {}, { afterEach: diskFull })).rejects.toThrow('ENOSPC');
    expect(await state(dir)).toEqual(before);
    // The same update, uninterrupted, writes what the plan said.
    const done = await updateProject({ dir }, new Reporter('json'), () => {});
    expect(done.conflicts).toEqual([]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).not.toMatch(/\/\/ older/);
  });

  it('SIGINT while the base is being fetched: exit 130, nothing changed, no temp folder left', async () => {
    const cwd = await tempDir();
    expect((await runCli(['p', '--yes', '--no-install', '--no-smoke', '--no-git'], { cwd })).exitCode).toBe(0);
    const dir = join(cwd, 'p');
    const answers = JSON.parse(readFileSync(join(dir, '.scaled-api.json'), 'utf8'));
    writeFileSync(join(dir, '.scaled-api.json'), `${JSON.stringify({ ...answers, templateVersion: '0.0.1' }, null, 2)}\n`);
    const before = (await listFiles(dir)).map((p) => [p, readFileSync(join(dir, p), 'utf8')]);
    // A registry that takes the connection and never answers: npx waits until interrupted.
    const sockets: Socket[] = [];
    const registry = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const port = (registry.address() as { port: number }).port;
    const scratchBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('csa-update-base-'));
    try {
      const child = execa('node', [cliBin, 'update'], {
        cwd: dir,
        reject: false,
        stdin: 'ignore',
        env: { CI: 'true', npm_config_registry: `http://127.0.0.1:${port}`, npm_config_cache: await tempDir() },
      });
      await new Promise<void>((resolve) => registry.once('connection', () => resolve()));
      child.kill('SIGINT');
      const r = await child;
      expect(r.exitCode, r.stderr).toBe(130);
      expect(r.stderr).toMatch(/Cancelled/);
    } finally {
      for (const s of sockets) s.destroy();
      registry.close();
    }
    expect((await listFiles(dir)).map((p) => [p, readFileSync(join(dir, p), 'utf8')])).toEqual(before);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('csa-update-base-') && !scratchBefore.includes(n))).toEqual([]);
  });
});
