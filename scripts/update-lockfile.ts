// `npm run lockfile`: regenerates templates/package-lock.json.hbs after a
// change to src/features/versions.ts. The lockfile covers every package any
// combination of options can need; npm prunes what a project does not use.
// Shipping it lets `npm install` skip resolving ~150 packages (about half of a
// fresh install's time) and gives every user the dependency tree we tested.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAnswers } from '../src/answers/types.js';
import { loadTemplates } from '../src/render/loadTemplates.js';
import { render } from '../src/render/render.js';
import { defaultTemplatesDir } from '../src/render/templatesDir.js';

const PLACEHOLDER = 'csa-lockfile-name-placeholder';
const dir = mkdtempSync(join(tmpdir(), 'csa-lockfile-'));
try {
  const templates = (await loadTemplates(defaultTemplatesDir())).filter((t) => !t.path.startsWith('package-lock.json'));
  const files = render({ ...defaultAnswers, name: PLACEHOLDER, pm: 'npm', db: 'postgres', cache: 'redis' }, templates, '0');
  const pkg = files.find((f) => f.path === 'package.json');
  if (!pkg) throw new Error('the templates make no package.json');
  writeFileSync(join(dir, 'package.json'), pkg.contents);
  execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  const lock = readFileSync(join(dir, 'package-lock.json'), 'utf8').replaceAll(`"${PLACEHOLDER}"`, '"{{name}}"');
  if (lock.includes('{{') && lock.split('{{').length - 1 !== 2) throw new Error('unexpected "{{" in the lockfile');
  writeFileSync(join(defaultTemplatesDir(), 'package-lock.json.hbs'), `${lock.trimEnd()}\n`);
  console.log('wrote templates/package-lock.json.hbs');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
