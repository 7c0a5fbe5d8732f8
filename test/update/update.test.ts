import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS_FORMAT_VERSION } from '../../src/answers/schema.js';
import { listFiles, runCli, useTempDir } from '../helpers.js';
import { buildOldCli, OLD_VERSION } from './oldCli.js';

const tempDir = useTempDir('csa-update-');
const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
let oldCli = '';

beforeAll(async () => {
  oldCli = await buildOldCli(join(await tempDir(), 'cli-old'));
}, 120_000);

const git = async (cwd: string, ...args: string[]) => (await execa('git', args, { cwd })).stdout;
const commitAll = async (cwd: string, message: string) => {
  await git(cwd, 'add', '-A');
  await git(cwd, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', message);
};
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const append = (dir: string, path: string, text: string) => writeFileSync(join(dir, path), read(dir, path) + text);

/** A project made by the older CLI: `git: false` for one without a repository. */
async function oldProject(options: { git: boolean }): Promise<string> {
  const cwd = await tempDir();
  const args = ['p', '--yes', '--no-install', '--no-smoke', '--pm', 'npm', ...(options.git ? [] : ['--no-git'])];
  const r = await execa('node', [join(oldCli, 'bin/create-scaled-api.js'), ...args], { cwd, reject: false, stdin: 'ignore', env: { CI: 'true' } });
  expect(r.exitCode, r.stderr).toBe(0);
  return join(cwd, 'p');
}

/** The edits a user makes after create: one beside a template change, one on a line the template changes too, one in a file the template drops. */
function editLikeAUser(dir: string): void {
  append(dir, 'deploy/nginx/nginx.conf', '# user tuning\n');
  writeFileSync(join(dir, '.env.example'), read(dir, '.env.example').replace('LOG_LEVEL=debug', 'LOG_LEVEL=warn'));
  append(dir, 'docs/TUNED.md', 'ours\n');
  append(dir, 'README.md', '\nTeam notes.\n');
}

type Entry = { path: string; action: string; reason?: string };
/** One file for each row of the plan, after editLikeAUser and the older CLI's templates: the same with or without git. */
const EVERY_ROW = {
  'docker-compose.yml': 'replace', // untouched by the user: the new version's file
  'deploy/nginx/nginx.conf': 'merge',
  '.env.example': 'conflict',
  'docs/OLD.md': 'delete',
  'docs/TUNED.md': 'keep:edited-in-project',
  '.github/workflows/template-update.yml': 'create',
  'README.md': 'keep:unchanged',
  'package-lock.json': 'keep:regenerated',
  'src/database/migrations/0000_init.sql': 'keep:append-only',
};
const actionsOf = (json: { plan: { entries: Entry[] } }) => Object.fromEntries(json.plan.entries.map((e) => [e.path, `${e.action}${e.reason ? `:${e.reason}` : ''}`]));

/** Every file of the project with its contents, node_modules and .git aside. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await listFiles(dir)).filter((p) => !p.startsWith('.git/') && !p.startsWith('node_modules/'));
  return Object.fromEntries(files.map((p) => [p, read(dir, p)]));
}

describe('update with the base recorded in git', () => {
  it('plans every row, writes them, leaves the changes uncommitted, moves the base, and exits 1 on the conflict', async () => {
    const dir = await oldProject({ git: true });
    editLikeAUser(dir);
    await commitAll(dir, 'user edits');
    const baseBefore = await git(dir, 'rev-parse', 'refs/scaled-api/base');

    const r = await runCli(['update', '--json'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ result: 'conflict', from: OLD_VERSION, to: VERSION, base: 'git', conflicts: ['.env.example'], installed: false, pendingInstall: 'npm install --no-audit --no-fund' });
    expect(actionsOf(out)).toMatchObject({
      ...EVERY_ROW,
      'package.json': 'replace',
      '.scaled-api.json': 'replace:rewritten',
    });
    expect(out.steps.find((s: { name: string }) => s.name === 'install')).toMatchObject({ status: 'skipped', detail: 'the dependencies were not installed' });

    expect(read(dir, 'deploy/nginx/nginx.conf')).toMatch(/worker_connections 4096;[\s\S]*# user tuning\n$/);
    expect(read(dir, '.env.example')).toMatch(/^<<<<<<< ours\nLOG_LEVEL=warn\n=======\nLOG_LEVEL=info\n>>>>>>> theirs$/m);
    expect(existsSync(join(dir, 'docs/OLD.md'))).toBe(false);
    expect(read(dir, 'docs/TUNED.md')).toBe('tuned\nours\n');
    expect(read(dir, 'README.md')).toMatch(/Team notes\.\n$/);
    expect(read(dir, 'src/database/migrations/0000_init.sql')).toMatch(/^-- made by 0\.0\.9\n/);
    expect(read(dir, 'package-lock.json')).toMatch(/"version": "0\.0\.1"/);
    expect(JSON.parse(read(dir, '.scaled-api.json')).templateVersion).toBe(VERSION);
    expect(Object.keys(await snapshot(dir)).filter((p) => /\.(rej|orig)$/.test(p))).toEqual([]);

    // Left for review: nothing committed, the base moved to this version's render.
    expect(await git(dir, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect(await git(dir, 'status', '--porcelain')).not.toBe('');
    expect(await git(dir, 'rev-parse', 'refs/scaled-api/base^')).toBe(baseBefore);
    expect(JSON.parse(await git(dir, 'show', 'refs/scaled-api/base:.scaled-api.json')).templateVersion).toBe(VERSION);
    expect(await git(dir, 'show', 'refs/scaled-api/base:.env.example')).toMatch(/^LOG_LEVEL=info$/m);

    const again = await runCli(['update', '--check'], { cwd: dir });
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stdout).toMatch(/is up to date with create-scaled-api/);
  });

  it('prints the summary in words: added, replaced, merged, conflicted, deleted, kept', async () => {
    const dir = await oldProject({ git: true });
    editLikeAUser(dir);
    await commitAll(dir, 'user edits');
    const r = await runCli(['update'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    for (const heading of ['added', 'replaced', 'merged', 'conflicted', 'deleted', 'kept']) expect(r.stdout).toMatch(new RegExp(`^  ${heading} \\(\\d+\\):$`, 'm'));
    expect(r.stdout).toMatch(/^ {4}\.env\.example \(1 hunk marked\)$/m);
    expect(r.stdout).toMatch(/^ {4}docs\/TUNED\.md \(the template no longer makes it, but it was edited here\)$/m);
    expect(r.stdout).toMatch(/resolve the conflict markers in \.env\.example/);
  });

  it('--dry-run prints the plan and writes nothing; --check exits 1 and writes nothing', async () => {
    const dir = await oldProject({ git: true });
    editLikeAUser(dir);
    await commitAll(dir, 'user edits');
    const before = await snapshot(dir);
    const ref = await git(dir, 'rev-parse', 'refs/scaled-api/base');

    const dry = await runCli(['update', '--dry-run'], { cwd: dir });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would be merged \(1\):\n {4}deploy\/nginx\/nginx\.conf \(your edits kept\)/);
    expect(dry.stdout).toMatch(/would be in conflict \(1\):\n {4}\.env\.example/);
    expect(dry.stdout).toMatch(/Nothing was written \(--dry-run\)\./);

    const check = await runCli(['update', '--check'], { cwd: dir });
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`is behind: create-scaled-api ${OLD_VERSION} → ${VERSION.replace(/\./g, '\\.')} would change \\d+ files`));

    const checkJson = await runCli(['update', '--check', '--json'], { cwd: dir });
    expect(checkJson.exitCode).toBe(1);
    expect(JSON.parse(checkJson.stdout)).toMatchObject({ result: 'behind', mode: 'check' });

    expect(await snapshot(dir)).toEqual(before);
    expect(await git(dir, 'status', '--porcelain')).toBe('');
    expect(await git(dir, 'rev-parse', 'refs/scaled-api/base')).toBe(ref);
  });

  it('refuses to write over uncommitted edits in files it would change, unless --force', async () => {
    const dir = await oldProject({ git: true });
    append(dir, 'deploy/nginx/nginx.conf', '# not committed\n');
    const before = await snapshot(dir);
    const r = await runCli(['update'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^Error: Uncommitted changes in deploy\/nginx\/nginx\.conf, which update would change; nothing was changed\.$/m);
    expect(await snapshot(dir)).toEqual(before);
    const forced = await runCli(['update', '--force'], { cwd: dir });
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(read(dir, 'deploy/nginx/nginx.conf')).toMatch(/worker_connections 4096;[\s\S]*# not committed\n$/);
  });

  it('a project this version made is current: --check exits 0', async () => {
    const cwd = await tempDir();
    expect((await runCli(['fresh', '--yes', '--no-install', '--no-smoke'], { cwd })).exitCode).toBe(0);
    const r = await runCli(['update', '--check', '--json'], { cwd: join(cwd, 'fresh') });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'current', base: 'git', conflicts: [] });
  });
});

describe('update renders what the answers file records', () => {
  it('the resources added with add resource, so their files stay', async () => {
    const dir = await oldProject({ git: true });
    const added = await execa('node', [join(oldCli, 'bin/create-scaled-api.js'), 'add', 'resource', 'orders', '--fields', 'total:number', '--no-migration'], { cwd: dir, reject: false, stdin: 'ignore', env: { CI: 'true' } });
    expect(added.exitCode, added.stderr).toBe(0);
    await commitAll(dir, 'orders');
    const r = await runCli(['update', '--json'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const orders = JSON.parse(r.stdout).plan.entries.filter((e: Entry) => e.path.startsWith('src/resources/orders/'));
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.filter((e: Entry) => e.action !== 'keep')).toEqual([]);
    expect(existsSync(join(dir, 'src/resources/orders/routes.ts'))).toBe(true);
    expect(JSON.parse(read(dir, '.scaled-api.json')).answers.resources.map((x: { name: string }) => x.name)).toContain('orders');
  });

  it('an answers file of an older format, upgraded and rewritten in the current one', async () => {
    const cwd = await tempDir();
    expect((await runCli(['fresh', '--yes', '--no-install', '--no-smoke'], { cwd })).exitCode).toBe(0);
    const dir = join(cwd, 'fresh');
    // Format 1 had no version key and no resources: every project had items and users.
    const { answers, templateVersion } = JSON.parse(read(dir, '.scaled-api.json'));
    const { resources: _, ...rest } = answers;
    writeFileSync(join(dir, '.scaled-api.json'), `${JSON.stringify({ templateVersion, answers: rest }, null, 2)}\n`);
    await commitAll(dir, 'format 1');
    const check = await runCli(['update', '--check', '--json'], { cwd: dir });
    expect(check.exitCode, check.stderr).toBe(1);
    expect(JSON.parse(check.stdout).plan.entries.filter((e: Entry) => e.action !== 'keep')).toEqual([{ path: '.scaled-api.json', action: 'replace', reason: 'rewritten' }]);
    const r = await runCli(['update'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(read(dir, '.scaled-api.json'))).toMatchObject({ version: ANSWERS_FORMAT_VERSION, answers: { resources: [{ name: 'items' }, { name: 'users' }] } });
  });
});

describe('update without git', () => {
  it('renders the base with the recorded version through npx, found in the project\'s node_modules', async () => {
    const dir = await oldProject({ git: false });
    editLikeAUser(dir);
    // What `npm install -D create-scaled-api@0.0.9` leaves; npx takes it before the registry.
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(oldCli, join(dir, 'node_modules/create-scaled-api'));
    symlinkSync('../create-scaled-api/bin/create-scaled-api.js', join(dir, 'node_modules/.bin/create-scaled-api'));

    const r = await runCli(['update', '--json', '--no-install'], { cwd: dir, env: { npm_config_registry: 'http://127.0.0.1:9', npm_config_fetch_retries: '0' } });
    expect(r.exitCode, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ base: 'npx', from: OLD_VERSION, conflicts: ['.env.example'] });
    expect(out.steps.find((s: { name: string }) => s.name === 'install')).toMatchObject({ status: 'skipped', detail: '--no-install' });
    expect(actionsOf(out)).toMatchObject(EVERY_ROW);
    expect(read(dir, 'deploy/nginx/nginx.conf')).toMatch(/worker_connections 4096;[\s\S]*# user tuning\n$/);
    expect(existsSync(join(dir, 'docs/OLD.md'))).toBe(false);
    expect(existsSync(join(dir, '.github/workflows/template-update.yml'))).toBe(true);
  });

  it('a project this version made is current without npx or git', async () => {
    const cwd = await tempDir();
    expect((await runCli(['fresh', '--yes', '--no-install', '--no-smoke', '--no-git'], { cwd })).exitCode).toBe(0);
    const r = await runCli(['update', '--check', '--json'], { cwd: join(cwd, 'fresh'), env: { npm_config_registry: 'http://127.0.0.1:9' } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'current', base: 'this-version' });
  });

  it.each([
    ['cannot reach the registry', 'cannot reach the npm registry \\(ECONNREFUSED\\)'],
    ['is told the version does not exist', 'npm has no create-scaled-api@0\\.0\\.9 \\(npx: E404\\)'],
  ])('says in one line when npx %s, exits 2 and changes nothing', async (_, why) => {
    const dir = await oldProject({ git: false });
    const before = await snapshot(dir);
    // A registry on a closed port, or one that has no such package.
    const registry = createServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}'));
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const url = why.includes('E404') ? `http://127.0.0.1:${(registry.address() as AddressInfo).port}` : 'http://127.0.0.1:9';
    try {
      const r = await runCli(['update'], { cwd: dir, env: { npm_config_registry: url, npm_config_fetch_retries: '0', npm_config_cache: await tempDir() } });
      expect(r.exitCode).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(
        new RegExp(`^Error: Cannot find what create-scaled-api 0\\.0\\.9 made for this project, the base of the merge: there is no refs/scaled-api/base in git, and (npx create-scaled-api@0\\.0\\.9 )?${why}\\.$`),
      );
      expect(lines).toHaveLength(2);
      expect(await snapshot(dir)).toEqual(before);
    } finally {
      registry.close();
    }
  });
});

describe('update refuses bad input with exit 2', () => {
  it('outside a generated project', async () => {
    const r = await runCli(['update'], { cwd: await tempDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^Error: .+ is not a project made by create-scaled-api \(no \.scaled-api\.json in it\)\.$/m);
  });

  it('a project recorded by a newer version', async () => {
    const cwd = await tempDir();
    expect((await runCli(['fresh', '--yes', '--no-install', '--no-smoke', '--no-git'], { cwd })).exitCode).toBe(0);
    const dir = join(cwd, 'fresh');
    writeFileSync(join(dir, '.scaled-api.json'), read(dir, '.scaled-api.json').replace(/"templateVersion": "[^"]+"/, '"templateVersion": "99.0.0"'));
    const r = await runCli(['update', '--dir', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^Error: \.scaled-api\.json was written by create-scaled-api 99\.0\.0, newer than this one/m);
  });
});
