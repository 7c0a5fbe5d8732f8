import { execFileSync, execSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBin, quick, useTempDir } from './helpers.js';

// The prompts are driven through a real terminal (tmux), the way a person meets them.
const hasTmux = (() => {
  try {
    execSync('tmux -V', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tempDir = useTempDir('csa-tty-');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inTerminal(cwd: string, args: string[], drive: (keys: (...k: string[]) => void, screen: () => string) => Promise<void>) {
  const session = `csa-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const rcFile = join(cwd, '..', `${session}.rc`);
  const command = `cd '${cwd}' && env -u CI node '${cliBin}' ${args.join(' ')}; echo $? > '${rcFile}'; sleep 30`;
  // A tmux server of its own (-L): with the shared one, a test starting its
  // session while the last test's server was exiting got "server exited unexpectedly".
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args]);
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
  const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
  const screen = () => tmux('capture-pane', '-t', session, '-p').toString();
  try {
    await drive(keys, screen);
    for (let i = 0; i < 100 && !existsSync(rcFile); i++) await sleep(100);
    return { rc: existsSync(rcFile) ? Number((await readFile(rcFile, 'utf8')).trim()) : undefined, screen: screen() };
  } finally {
    tmux('kill-server');
    rmSync(rcFile, { force: true });
  }
}

async function waitFor(screen: () => string, text: string | RegExp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const s = screen();
    if (typeof text === 'string' ? s.includes(text) : text.test(s)) return;
    await sleep(100);
  }
  throw new Error(`screen never showed ${text}:\n${screen()}`);
}

describe.skipIf(!hasTmux)('interactive prompts in a terminal', () => {
  it('answers the questions, shows a summary and creates the project', async () => {
    const cwd = await tempDir();
    const { rc, screen } = await inTerminal(cwd, quick, async (keys, screen) => {
      await waitFor(screen, 'Where should the project go?');
      keys('tty-api', 'Enter');
      await waitFor(screen, 'Database');
      keys('Enter');
      await waitFor(screen, 'Cache-aside');
      keys('Down', 'Enter'); // memory
      await waitFor(screen, 'replicas');
      keys('0', 'Enter'); // refused in place, by the same rule as --replicas
      await waitFor(screen, 'The number of replicas must be a whole number from 1 to 64.');
      keys('BSpace', '3', 'Enter');
      await waitFor(screen, 'Authentication');
      keys('Enter');
      await waitFor(screen, 'Extras');
      keys('Enter');
      await waitFor(screen, 'Package manager');
      keys('Enter');
      await waitFor(screen, 'Create the project?');
      keys('Enter');
    });
    expect(rc, screen).toBe(0);
    expect(screen).toContain('Summary');
    const saved = JSON.parse(await readFile(join(cwd, 'tty-api/.scaled-api.json'), 'utf8'));
    expect(saved.answers).toMatchObject({ name: 'tty-api', db: 'postgres', cache: 'memory', replicas: 3, auth: 'jwt', monitoring: true, k8s: false });
  });

  it('asks only what the flags left open', async () => {
    const cwd = await tempDir();
    const { rc, screen } = await inTerminal(cwd, ['flagged', '--db', 'none', '--cache', 'none', '--replicas', '1', '--auth', 'jwt', '--no-monitoring', '--no-docker', '--k8s', '--no-tracing', '--ci', 'none', ...quick], async (keys, screen) => {
      await waitFor(screen, 'Package manager');
      keys('Enter');
      await waitFor(screen, 'Create the project?');
      keys('Enter');
    });
    expect(rc, screen).toBe(0);
    expect(screen).not.toContain('Database');
    expect(screen).not.toContain('Where should the project go?');
    expect(existsSync(join(cwd, 'flagged/deploy/k8s'))).toBe(true);
  });

  it.each([
    ['the first prompt', async (keys: (...k: string[]) => void, screen: () => string) => {
      await waitFor(screen, 'Where should the project go?');
      keys('C-c');
    }],
    ['the confirmation', async (keys: (...k: string[]) => void, screen: () => string) => {
      await waitFor(screen, 'Where should the project go?');
      keys('late', 'Enter');
      for (const q of ['Database', 'Cache-aside', 'replicas', 'Authentication', 'Extras', 'Package manager']) {
        await waitFor(screen, q);
        keys('Enter');
      }
      await waitFor(screen, 'Create the project?');
      keys('Escape');
    }],
  ])('cancel at %s exits 130 and writes nothing', async (_, drive) => {
    const cwd = await tempDir();
    const { rc, screen } = await inTerminal(cwd, quick, drive);
    expect(rc, screen).toBe(130);
    expect(screen).toContain('Cancelled');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('add resource asks for the fields, checks them as typed, and cancels cleanly', async () => {
    const cwd = await tempDir();
    execFileSync('node', [cliBin, 'shop', '--yes', ...quick], { cwd, env: { ...process.env, CI: 'true' } });
    const project = join(cwd, 'shop');
    const cancelled = await inTerminal(project, ['add', 'resource', 'orders'], async (keys, screen) => {
      await waitFor(screen, 'Fields of orders');
      keys('C-c');
    });
    expect(cancelled.rc, cancelled.screen).toBe(130);
    expect(await readFile(join(project, '.scaled-api.json'), 'utf8')).not.toContain('orders');

    const { rc, screen } = await inTerminal(project, ['add', 'resource', 'orders', '--no-migration'], async (keys, screen) => {
      await waitFor(screen, 'Fields of orders');
      keys('total:money', 'Enter');
      await waitFor(screen, 'Unknown field type "money"');
      for (let i = 0; i < 'money'.length; i++) keys('BSpace');
      keys('number,note:text?', 'Enter');
    });
    expect(rc, screen).toBe(0);
    const saved = JSON.parse(await readFile(join(project, '.scaled-api.json'), 'utf8'));
    expect(saved.answers.resources.at(-1)).toEqual({ name: 'orders', fields: [{ name: 'total', type: 'number' }, { name: 'note', type: 'text', optional: true }] });
  });
});
