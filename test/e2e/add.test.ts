import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';
import { signUp } from './account.js';
import { startBuilt } from './builtServer.js';

const tempDir = useTempDir('csa-e2e-add-');
const env = { CI: 'true', DATABASE_URL: '', REDIS_URL: '', TEST_DATABASE_URL: '' };

describe('add resource on an installed project', () => {
  let project = '';

  it('adds orders, with the migration made by the project\'s own drizzle-kit', async () => {
    const cwd = await tempDir();
    const created = await runCli(['grow', '--yes', '--pm', 'npm', '--no-smoke'], { cwd, env });
    expect(created.exitCode, created.stderr).toBe(0);
    project = join(cwd, 'grow');
    const r = await runCli(['add', 'resource', 'orders', '--fields', 'customer:string,total:number,paid:boolean?,note:text?,due:datetime?'], { cwd: project, env });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/Generated src\/database\/migrations\/0001_add_orders\.sql/);
    const sql = await readFile(join(project, 'src/database/migrations/0001_add_orders.sql'), 'utf8');
    expect(sql).toMatch(/CREATE TABLE "orders"/);
    expect(sql).toMatch(/"note" text[,\n]/);
    expect(sql).toMatch(/"customer" varchar\(200\) NOT NULL/);
    // The migration already written is history: untouched.
    expect((await execa('git', ['status', '--porcelain', 'src/database/migrations/0000_init.sql'], { cwd: project })).stdout).toBe('');
    expect(readdirSync(join(project, 'src/database/migrations')).filter((f) => f.endsWith('.sql'))).toEqual(['0000_init.sql', '0001_add_orders.sql']);
  });

  it('the project passes its own tests, lint and build, with tests for orders', async () => {
    for (const script of [['test'], ['run', 'lint'], ['run', 'build']]) {
      const r = await execa('npm', script, { cwd: project, reject: false, all: true, env });
      expect(r.exitCode, `npm ${script.join(' ')}\n${r.all}`).toBe(0);
      if (script[0] === 'test') expect(r.all).toMatch(/orders/);
    }
  });

  it('the built server serves CRUD on /orders, paging as items do', async () => {
    const server = await startBuilt(project, { ...env, RATE_LIMIT_MAX: '0', PGLITE_DATA_DIR: join(await tempDir(), 'pglite'), MIGRATE_ON_START: 'true' });
    const { url } = server;
    try {
      const auth = await signUp(url);
      const post = (body: object) => fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
      const first = await post({ customer: 'ACME', total: 12.5, paid: true });
      expect(first.status).toBe(201);
      const order = (await first.json()) as { id: number; note: unknown };
      expect(order.note).toBeNull();
      for (let i = 0; i < 2; i++) expect((await post({ customer: `c${i}`, total: i })).status).toBe(201);

      // Lists page exactly as items do: the same shape, and a second page holding the rest.
      const listed = await fetch(`${url}/orders?limit=2`);
      const page = (await listed.json()) as { data: { id: number }[]; nextCursor: string | null };
      const items = (await (await fetch(`${url}/items?limit=2`)).json()) as object;
      expect(Object.keys(page).sort()).toEqual(Object.keys(items).sort());
      expect(page.data).toHaveLength(2);
      expect(page.nextCursor).toEqual(expect.any(String));
      expect(listed.headers.get('link')).toBe(`</orders?limit=2&cursor=${page.nextCursor}>; rel="next"`);
      const next = (await (await fetch(`${url}/orders?limit=2&cursor=${encodeURIComponent(page.nextCursor!)}`)).json()) as { data: { id: number }[]; nextCursor: string | null };
      expect(next).toEqual({ data: [expect.objectContaining({ id: order.id })], nextCursor: null });

      const patched = await fetch(`${url}/orders/${order.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...auth }, body: '{"total":99}' });
      expect(patched.status).toBe(200);
      expect(((await (await fetch(`${url}/orders/${order.id}`)).json()) as { total: number }).total).toBe(99);
      expect((await post({ customer: 'x', total: 'lots' })).status).toBe(400);
      expect((await fetch(`${url}/orders/987654`)).status).toBe(404);
      expect((await fetch(`${url}/orders/${order.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      const doc = (await (await fetch(`${url}/docs/json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/orders', '/orders/{id}']));
    } finally {
      await server.stop();
    }
  });

  it('--no-migration leaves the migration for later and says how to make it', async () => {
    // --force: the first add is not committed, and this one changes the same files.
    const r = await runCli(['add', 'resource', 'line-items', '--fields', 'sku:string!,quantity:integer', '--no-migration', '--force', '--json'], { cwd: project, env });
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.steps.find((s: { name: string }) => s.name === 'migration')).toMatchObject({ status: 'skipped', detail: '--no-migration' });
    expect(out.pendingMigration).toBe('npm run db:generate -- --name add_line_items');
    expect(existsSync(join(project, 'src/resources/line-items'))).toBe(true);
  });
});
