import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../src/answers/types.js';
import { loadTemplates } from '../src/render/loadTemplates.js';
import { render } from '../src/render/render.js';
import { cliBin, listFiles, quick, runCli, templatesDir, useTempDir } from './helpers.js';

const tempDir = useTempDir();

async function snapshot(dir: string): Promise<string[]> {
  return existsSync(dir) ? listFiles(dir) : [];
}

describe('create-scaled-api as a process', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8'));
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('--help lists the options and the validate and add commands', async () => {
    const r = await runCli(['--help']);
    expect(r.exitCode).toBe(0);
    for (const flag of ['--db', '--cache', '--replicas', '--no-monitoring', '--k8s', '--preset', '--dry-run', '--json', 'validate', 'add']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('-v and --help of a subcommand print to stdout and exit 0', async () => {
    const version = await runCli(['-v']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runCli(['add', 'resource', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--fields <list>');
    expect(help.stderr).toBe('');
  });

  it('--yes creates the project, writes the answers and prints next steps', async () => {
    const cwd = await tempDir();
    const r = await runCli(['svc', '--yes', ...quick], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('cd svc');
    const files = await listFiles(join(cwd, 'svc'));
    expect(files).toContain('src/app.ts');
    expect(files).toContain('.gitignore');
    const saved = JSON.parse(await readFile(join(cwd, 'svc/.scaled-api.json'), 'utf8'));
    expect(saved.answers).toMatchObject({ name: 'svc', db: 'postgres', cache: 'redis', replicas: 2, pm: 'npm' });
    // Nothing but the project is left beside it (no staging folder).
    expect(await readdir(cwd)).toEqual(['svc']);
  });

  it('a reader that closes the pipe early gets no stack trace, and the project is still written whole', async () => {
    const cwd = await tempDir();
    // `true` exits without reading, so the CLI's first line already meets a closed pipe.
    const r = await execa('bash', ['-c', `set -o pipefail; node '${cliBin}' piped --yes ${quick.join(' ')} | true`], { cwd, reject: false });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(await listFiles(join(cwd, 'piped'))).toContain('src/app.ts');
    expect(await readdir(cwd)).toEqual(['piped']);
  });

  it('with no directory and --yes uses my-api', async () => {
    const cwd = await tempDir();
    const r = await runCli(['--yes', ...quick], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(cwd, 'my-api/package.json'))).toBe(true);
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const cwd = await tempDir();
    const r = await runCli(['dry', '--yes', '--dry-run'], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('src/app.ts');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('--json prints exactly one object with answers, files, steps and timings', async () => {
    const cwd = await tempDir();
    const r = await runCli(['js', '--yes', '--json', ...quick, '--replicas', '4'], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.result).toBe('success');
    expect(out.answers.replicas).toBe(4);
    expect(out.files).toContain('src/app.ts');
    expect(out.steps.map((s: { name: string }) => s.name)).toEqual(['write', 'install', 'git', 'smoke']);
    expect(out.timings.write).toBeTypeOf('number');
  });

  it('with git, records what the templates rendered under refs/scaled-api/base and leaves the work tree clean', async () => {
    const cwd = await tempDir();
    const r = await runCli(['based', '--yes', '--no-install', '--no-smoke'], { cwd });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    const project = join(cwd, 'based');
    const git = async (...args: string[]) => (await execa('git', args, { cwd: project })).stdout;
    expect((await git('ls-tree', '-r', '--name-only', 'refs/scaled-api/base')).split('\n').sort()).toEqual((await listFiles(project)).filter((p) => !p.startsWith('.git/')).sort());
    expect(await git('show', 'refs/scaled-api/base:package.json')).toBe((await readFile(join(project, 'package.json'), 'utf8')).trimEnd());
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('rev-list', '--count', '--all', '--branches')).toBe('2');
    expect(await git('branch', '--contains', 'refs/scaled-api/base')).toBe('');
  });

  it('--json reports a failure as an object too', async () => {
    const cwd = await tempDir();
    const r = await runCli(['x', '--yes', '--json', '--preset', 'missing.json'], { cwd });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'failed', error: { exitCode: 2 } });
  });

  it('--preset supplies answers and flags override it', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'preset.json'), JSON.stringify({ templateVersion: '0.1.0', answers: { cache: 'memory', replicas: 5, k8s: true } }));
    const r = await runCli(['p', '--yes', '--json', ...quick, '--preset', 'preset.json', '--replicas', '3'], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).answers).toMatchObject({ cache: 'memory', replicas: 3, k8s: true });
    expect(existsSync(join(cwd, 'p/deploy/k8s'))).toBe(true);
  });

  it('--force adds the project beside existing files and keeps them', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'f'));
    await writeFile(join(cwd, 'f/notes.txt'), 'mine');
    await writeFile(join(cwd, 'f/README.md'), 'old readme');
    const r = await runCli(['f', '--yes', '--force', ...quick], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await readFile(join(cwd, 'f/notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(cwd, 'f/README.md'), 'utf8')).not.toBe('old readme');
    expect(r.stdout).toContain('README.md');
  });
});

describe('the built CLI', () => {
  it('the built CLI writes exactly what rendering the template sources gives', async () => {
    const cwd = await tempDir();
    const r = await runCli(['same', '--yes', '--k8s', ...quick], { cwd });
    expect(r.exitCode, r.stderr).toBe(0);
    const expected = render({ ...defaultAnswers, k8s: true, name: 'same', pm: 'npm' }, await loadTemplates(templatesDir), JSON.parse(await readFile(join(cwd, 'same/.scaled-api.json'), 'utf8')).templateVersion);
    expect(await listFiles(join(cwd, 'same'))).toEqual(expected.map((f) => f.path));
    for (const f of expected) expect(await readFile(join(cwd, 'same', f.path), 'utf8'), f.path).toBe(String(f.contents));
  });
});

describe('bad input: exit 2, one line, nothing written', () => {
  const cases: [string, string[], RegExp][] = [
    ['an invalid package name', ['bad', '--name', 'Bad Name!'], /not a valid package name/],
    ['a folder name that is no package name', ['Bad Folder'], /not a valid package name.*\n.*--name/],
    ['an unknown --db', ['bad', '--db', 'mysql'], /Allowed choices are postgres, none/],
    ['an unknown --cache', ['bad', '--cache', 'memcached'], /redis, memory, none/],
    ['an unknown --pm', ['bad', '--pm', 'pip'], /npm, pnpm, yarn, bun/],
    ['replicas out of range', ['bad', '--replicas', '65'], /1 to 64/],
    ['replicas not a number', ['bad', '--replicas', 'two'], /1 to 64/],
    ['an unknown flag', ['bad', '--databse', 'postgres'], /Unknown option --databse\./],
    ['a mistyped flag', ['bad', '--dryrun'], /Unknown option --dryrun\. Did you mean --dry-run\?/],
    ['a flag without its value', ['bad', '--name'], /Option --name needs a value/],
    ['two target folders', ['bad', 'worse'], /One target folder, not 2/],
    ['a missing preset', ['bad', '--preset', 'nope.json'], /Cannot read preset nope\.json/],
    ['a missing template folder', ['bad', '--template', 'no-such-dir'], /does not exist/],
  ];

  it.each(cases)('%s', async (_, args, message) => {
    const cwd = await tempDir();
    const r = await runCli([...args, '--yes', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each([
    [['validate', '--matrix', 'foo'], /Invalid --matrix "foo"\. Allowed choices are default, pairwise, full\./],
    [['validate', '--jobs', '0'], /Invalid --jobs "0": must be a whole number of at least 1\./],
    [['validate', 'extra'], /takes no arguments/],
    [['validate', '--yes'], /Unknown option --yes\./],
  ])('validate %j: exit 2 and one error line with its hint', async (args, message) => {
    const r = await runCli(args, { cwd: await tempDir() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: /), '  Run create-scaled-api validate --help for the options.']);
  });

  it.each([
    [['add'], /add needs a command: resource/, 'add'],
    [['add', 'resorce', 'orders'], /Unknown command "add resorce"\. Did you mean "add resource"\?/, 'add'],
    [['add', 'resource'], /Missing the resource name/, 'add resource'],
    [['add', 'resource', 'orders', '--feilds', 'a:string'], /Did you mean --fields\?/, 'add resource'],
  ])('add %j: exit 2 and one error line with its hint', async (args, message, command) => {
    const cwd = await tempDir();
    const r = await runCli(args, { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message), `  Run create-scaled-api ${command} --help for the options.`]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a preset with a wrong value names the answer', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'p.json'), JSON.stringify({ answers: { db: 'mysql' } }));
    const r = await runCli(['x', '--yes', '--preset', 'p.json', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe('Error: Preset p.json: /answers/db must be one of postgres, none (got "mysql")');
    expect(await readdir(cwd)).toEqual(['p.json']);
  });

  it('a preset with replicas out of range names the pointer and the bound', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'p.json'), JSON.stringify({ answers: { replicas: 65 } }));
    const r = await runCli(['x', '--yes', '--preset', 'p.json', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe('Error: Preset p.json: /answers/replicas must be ≤ 64 (got 65)');
    expect(await readdir(cwd)).toEqual(['p.json']);
  });

  it('a preset that is not JSON', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'p.json'), '{ nope');
    const r = await runCli(['x', '--yes', '--preset', 'p.json', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
  });

  it('a non-empty target is refused, naming its files, and left untouched', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'busy'));
    await writeFile(join(cwd, 'busy/package.json'), 'keep');
    const r = await runCli(['busy', '--yes', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/busy is not empty \(package\.json\)/);
    expect(await readdir(join(cwd, 'busy'))).toEqual(['package.json']);
    expect(await readFile(join(cwd, 'busy/package.json'), 'utf8')).toBe('keep');
    expect(await readdir(cwd)).toEqual(['busy']);
  });

  it('a template folder holding a symlink is refused', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'tpl'));
    await symlink('/etc/passwd', join(cwd, 'tpl/passwd'));
    const r = await runCli(['x', '--yes', '--template', 'tpl', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(await readdir(cwd)).toEqual(['tpl']);
  });

  it('a broken template names the file and line and writes nothing', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'tpl'));
    await writeFile(join(cwd, 'tpl/a.txt.hbs'), 'one\n{{missingThing}}\n');
    const r = await runCli(['x', '--yes', '--template', 'tpl', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/a\.txt\.hbs:2: .*missingThing/);
    expect(await readdir(cwd)).toEqual(['tpl']);
  });

  it('--verbose adds the stack', async () => {
    const cwd = await tempDir();
    const r = await runCli(['x', '--yes', '--name', 'Bad Name!', '--verbose', ...quick], { cwd });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('interrupts', () => {
  it('SIGINT while files are being written leaves no folder behind', async () => {
    const cwd = await tempDir();
    // A template big enough that writing it takes a while.
    await mkdir(join(cwd, 'tpl/many'), { recursive: true });
    const blob = 'x'.repeat(64 * 1024);
    await Promise.all(Array.from({ length: 4000 }, (_, i) => writeFile(join(cwd, `tpl/many/f${i}.txt`), blob)));
    await mkdir(join(cwd, 'work'));
    const child = execa('node', [cliBin, 'big', '--yes', '--template', '../tpl', ...quick], { cwd: join(cwd, 'work'), reject: false, env: { CI: 'true' } });
    // Wait until the staging folder exists, then interrupt.
    for (let i = 0; i < 200 && (await readdir(join(cwd, 'work'))).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(await readdir(join(cwd, 'work'))).toEqual([]);
  });
});

void snapshot;
