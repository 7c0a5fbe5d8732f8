import { existsSync } from 'node:fs';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFiles, quick, runCli, useTempDir } from './helpers.js';

const tempDir = useTempDir('csa-add-');
const orderFields = 'customer:string,total:number,paid:boolean?,note:text?,due:datetime?';
let project: string;
let generatedBase: string;

const git = (...args: string[]) => execa('git', args, { cwd: project, env: { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
const add = (...args: string[]) => runCli(['add', 'resource', ...args], { cwd: project });
const status = async () => (await git('status', '--porcelain')).stdout;
const read = (path: string) => readFile(join(project, path), 'utf8');

async function append(path: string, text: string): Promise<void> {
  await writeFile(join(project, path), `${await read(path)}${text}`);
}

async function commitAll(message: string): Promise<void> {
  await git('add', '-A');
  await git('commit', '-qm', message);
}

beforeAll(async () => {
  const cwd = await tempDir();
  const r = await runCli(['shop', '--yes', '--no-install', '--no-smoke'], { cwd });
  expect(r.exitCode, r.stderr).toBe(0);
  project = join(cwd, 'shop');
  await git('tag', 'generated');
  generatedBase = (await git('rev-parse', 'refs/scaled-api/base')).stdout;
});

// Every test starts from the project as generated, committed.
beforeEach(async () => {
  await git('reset', '-q', '--hard', 'generated');
  await git('clean', '-qfdx');
  await git('update-ref', 'refs/scaled-api/base', generatedBase);
});

describe('add resource: bad input changes nothing and exits 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown field type', ['orders', '--fields', 'customer:string,total:money'], /Unknown field type "money"/],
    ['a field without a type', ['orders', '--fields', 'customer'], /Malformed field "customer"/],
    ['a mistyped field type', ['orders', '--fields', 'total:numbr'], /Unknown field type "numbr".*Did you mean number\?/],
    ['an empty entry in --fields', ['orders', '--fields', 'a:string,,b:number'], /empty entry/],
    ['a field given twice', ['orders', '--fields', 'a:string,a:number'], /given twice/],
    ['unique on a number', ['orders', '--fields', 'total:number!'], /Only string and email fields can be unique/],
    ['a field the resource already has', ['orders', '--fields', 'id:integer'], /"id" is made for every resource/],
    ['a snake_case field name', ['orders', '--fields', 'due_date:datetime'], /camelCase/],
    ['a resource that exists', ['items', '--fields', 'name:string'], /already has a resource called items/],
    ['a reserved name', ['health', '--fields', 'x:string'], /"health".*reserved/],
    ['docs', ['docs', '--fields', 'x:string'], /reserved/],
    ['a name with a space', ['Bad Name', '--fields', 'x:string'], /Invalid resource name/],
    ['a capitalised name', ['Orders', '--fields', 'x:string'], /Invalid resource name/],
    ['a JavaScript reserved word', ['delete', '--fields', 'x:string'], /reserved word/],
    ['no --fields without a terminal', ['orders'], /needs --fields/],
    ['no --fields with --yes', ['orders', '--yes'], /needs --fields/],
  ];
  it.each(cases)('%s', async (_, args, message) => {
    const r = await add(...args);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stdout).toBe('');
    expect(await status()).toBe('');
  });

  it('a folder that is not a generated project', async () => {
    const empty = await tempDir();
    const r = await runCli(['add', 'resource', 'orders', '--fields', 'a:string'], { cwd: empty });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/is not a project made by create-scaled-api/);
    expect(await listFiles(empty)).toEqual([]);
  });

  it('an answers file from an unknown format version', async () => {
    const answers = JSON.parse(await read('.scaled-api.json'));
    await writeFile(join(project, '.scaled-api.json'), JSON.stringify({ ...answers, version: 99 }));
    await commitAll('from the future');
    const r = await add('orders', '--fields', 'a:string');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/\/version is 99/);
    expect(await status()).toBe('');
  });

  it('an answers file written by a newer create-scaled-api', async () => {
    const answers = JSON.parse(await read('.scaled-api.json'));
    await writeFile(join(project, '.scaled-api.json'), JSON.stringify({ ...answers, templateVersion: '99.0.0' }));
    await commitAll('newer');
    const r = await add('orders', '--fields', 'a:string');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/written by create-scaled-api 99\.0\.0, newer than this one/);
  });

  it('uncommitted edits in a file add would change, unless --force', async () => {
    await append('src/resources/index.ts', '\n// not committed yet\n');
    const r = await add('orders', '--fields', orderFields);
    expect(r.exitCode, r.stdout).toBe(2);
    expect(r.stderr).toMatch(/Uncommitted changes in src\/resources\/index\.ts/);
    expect(r.stderr).toMatch(/--force/);
    expect(existsSync(join(project, 'src/resources/orders'))).toBe(false);

    const forced = await add('orders', '--fields', orderFields, '--force');
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(await read('src/resources/index.ts')).toContain('// not committed yet');
    expect(existsSync(join(project, 'src/resources/orders'))).toBe(true);
  });
});

describe('add resource: writing', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    const r = await add('orders', '--fields', orderFields, '--dry-run');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/would be created \(\d+\):/);
    expect(r.stdout).toContain('src/resources/orders/');
    expect(r.stdout).toContain('Nothing was written (--dry-run)');
    expect(await status()).toBe('');
  });

  it('adds the resource: its folder, its registration, the answers, and says the migration was left for later', async () => {
    const r = await add('orders', '--fields', orderFields);
    expect(r.exitCode, r.stderr).toBe(0);
    const files = await listFiles(project);
    expect(files.filter((f) => f.startsWith('src/resources/orders/')).length).toBeGreaterThan(0);
    expect(await read('src/resources/index.ts')).toMatch(/orders/);
    expect(await read('README.md')).toMatch(/\/orders/);
    const saved = JSON.parse(await read('.scaled-api.json'));
    expect(saved.answers.resources.map((x: { name: string }) => x.name)).toEqual(['items', 'users', 'orders']);
    expect(saved.answers.resources[2].fields).toContainEqual({ name: 'paid', type: 'boolean', optional: true });
    // Not installed: no drizzle-kit to run, so the step is skipped and the command printed.
    expect(r.stdout).toMatch(/migration: skipped/);
    expect(r.stdout).toContain('npm run db:generate -- --name add_orders');
    expect(r.stdout).toMatch(/created \(\d+\):/);
    // Adding the same resource again is refused.
    await commitAll('orders');
    const again = await add('orders', '--fields', orderFields);
    expect(again.exitCode).toBe(2);
  });

  it('moves the recorded base to what the templates render with the new resource, user edits left out', async () => {
    await append('README.md', '\nOur team notes.\n');
    await commitAll('user edits');
    const r = await add('orders', '--fields', orderFields);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await git('rev-parse', 'refs/scaled-api/base^')).stdout).toBe(generatedBase);
    const baseFiles = (await git('ls-tree', '-r', '--name-only', 'refs/scaled-api/base')).stdout.split('\n');
    expect(baseFiles).toContain('src/resources/orders/routes.ts');
    expect((await git('show', 'refs/scaled-api/base:src/resources/orders/routes.ts')).stdout).toBe((await read('src/resources/orders/routes.ts')).trimEnd());
    const baseReadme = (await git('show', 'refs/scaled-api/base:README.md')).stdout;
    expect(baseReadme).toMatch(/\/orders/);
    expect(baseReadme).not.toContain('Our team notes.');
  });

  it('keeps the user edits in files it changes, by a three-way merge', async () => {
    await append('README.md', '\nOur team notes.\n');
    await append('src/app.ts', '\n// my own note: keep me\n');
    const index = await read('src/resources/index.ts');
    await writeFile(join(project, 'src/resources/index.ts'), `// The resources of the shop.\n${index}`);
    await commitAll('user edits');
    const r = await add('orders', '--fields', orderFields);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await read('README.md')).toContain('Our team notes.');
    expect(await read('README.md')).toMatch(/\/orders/);
    expect(await read('src/app.ts')).toContain('// my own note: keep me');
    const merged = await read('src/resources/index.ts');
    expect(merged).toMatch(/^\/\/ The resources of the shop\.\n/);
    expect(merged).toMatch(/orders/);
    expect(r.stdout).toMatch(/merged \(\d+\):[\s\S]*README\.md \(your edits kept\)/);
    expect((await execa('grep', ['-rIl', '^<<<<<<< ', '.'], { cwd: project, reject: false })).stdout).toBe('');
  });

  it('leaves conflict markers where the user changed the same lines, lists the files, and exits 1', async () => {
    // The user added a line exactly where the new resource goes.
    const lines = (await read('src/resources/index.ts')).split('\n');
    const last = lines.findLastIndex((l) => l.includes('users'));
    lines.splice(last + 1, 0, lines[last]!.replace(/users/g, 'customers'));
    await writeFile(join(project, 'src/resources/index.ts'), lines.join('\n'));
    await commitAll('user edit where orders goes');
    const r = await add('orders', '--fields', orderFields);
    expect(r.exitCode, r.stderr).toBe(1);
    const text = await read('src/resources/index.ts');
    expect(text).toMatch(/^<<<<<<< ours$/m);
    expect(text).toMatch(/^=======$/m);
    expect(text).toMatch(/^>>>>>>> theirs$/m);
    expect(text).toContain('customers');
    expect(r.stdout).toMatch(/conflict \(1\):\n\s+src\/resources\/index\.ts \(1 hunk marked\)/);
    expect(r.stdout).toMatch(/resolve the conflict markers in src\/resources\/index\.ts/);
    // The rest of the add is written, and the answers record the resource.
    expect(existsSync(join(project, 'src/resources/orders'))).toBe(true);
    expect(await read('.scaled-api.json')).toContain('"orders"');
  });

  it('merges without git on PATH too (node-diff3), with the same markers', async () => {
    await append('README.md', '\nOur team notes.\n');
    const lines = (await read('src/resources/index.ts')).split('\n');
    const last = lines.findLastIndex((l) => l.includes('users'));
    lines.splice(last + 1, 0, lines[last]!.replace(/users/g, 'customers'));
    await writeFile(join(project, 'src/resources/index.ts'), lines.join('\n'));
    // A PATH with node and nothing else.
    const bin = await tempDir();
    await symlink(process.execPath, join(bin, 'node'));
    const r = await runCli(['add', 'resource', 'orders', '--fields', orderFields], { cwd: project, env: { PATH: bin } });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(await read('README.md')).toContain('Our team notes.');
    expect(await read('README.md')).toMatch(/\/orders/);
    expect(await read('src/resources/index.ts')).toMatch(/^<<<<<<< ours\n[\s\S]*customers[\s\S]*^=======\n[\s\S]*^>>>>>>> theirs$/m);
  });

  it('--json prints one object with the plan, the result, the steps and the timings', async () => {
    const r = await add('line-items', '--fields', 'sku:string!,quantity:integer', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('success');
    expect(out.resource).toEqual({ name: 'line-items', fields: [{ name: 'sku', type: 'string', unique: true }, { name: 'quantity', type: 'integer' }] });
    expect(out.plan.entries).toContainEqual({ path: '.scaled-api.json', action: 'replace', reason: 'rewritten' });
    expect(out.plan.entries.some((e: { path: string; action: string }) => e.path.startsWith('src/resources/line-items/') && e.action === 'create')).toBe(true);
    expect(out.plan.counts.create).toBeGreaterThan(0);
    expect(out.steps.map((s: { name: string }) => s.name)).toEqual(['plan', 'write', 'migration']);
    expect(out.timings).toHaveProperty('write');
    expect(out.conflicts).toEqual([]);
  });

  it('--json reports bad input as an object too, with exit 2', async () => {
    const r = await add('health', '--fields', 'x:string', '--json');
    expect(r.exitCode).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ result: 'failed', error: { exitCode: 2 } });
  });

  it('--dir finds the project from elsewhere', async () => {
    const r = await runCli(['add', 'resource', 'orders', '--fields', 'customer:string', '--dir', project, '--dry-run']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('src/resources/orders/');
  });
});
