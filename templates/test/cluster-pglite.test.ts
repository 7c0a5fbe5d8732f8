import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePglite } from '../scripts/cluster/pgliteServer.js';

// `npm run cluster` without DATABASE_URL: every replica reaches one PGlite,
// which has a single session, through scripts/cluster/pgliteServer.ts.
describe('the cluster PGlite server', () => {
  let db: PGlite;
  let server: Awaited<ReturnType<typeof servePglite>>;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'postgres', database: 'postgres' });
    // A client the test kills on purpose reports it as an error event.
    client.on('error', () => {});
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    db = await PGlite.create('memory://');
    server = await servePglite(db, 0);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await server.close();
    await db.close();
  });

  it('keeps each client its own statements while another holds a transaction', async () => {
    const holder = await connect();
    const others = await Promise.all(Array.from({ length: 6 }, connect));
    let wrong = 0;
    for (let round = 0; round < 5; round++) {
      await holder.query('BEGIN');
      // These queue up behind the transaction, then all run at once after it.
      const reads = others.map((c, i) => c.query<{ v: number }>('select $1::int as v', [round * 100 + i]).then((r) => r.rows[0]?.v === round * 100 + i || wrong++));
      await new Promise((r) => setTimeout(r, 20));
      await holder.query('COMMIT');
      await Promise.all(reads);
    }
    expect(wrong).toBe(0);
  });

  it('rolls back the transaction of a client that went away, and lets the others in', async () => {
    const gone = await connect();
    const other = await connect();
    await gone.query('BEGIN');
    await gone.query('create table left_open (x int)');
    const waiting = other.query<{ v: string }>('select $1::text as v', ['served']);
    gone.connection.stream.destroy();
    expect((await waiting).rows[0]?.v).toBe('served');
    expect((await other.query(`select to_regclass('left_open') as t`)).rows[0].t).toBeNull();
  });

  it('keeps one client\'s failed statement from reaching another', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const [failed, served] = await Promise.allSettled([a.query('select $1::int / 0', [1]), b.query<{ v: string }>('select $1::text as v', ['ok'])]);
    expect(failed.status).toBe('rejected');
    expect(served.status === 'fulfilled' && served.value.rows[0]?.v).toBe('ok');
    expect((await a.query<{ v: number }>('select 2 as v')).rows[0]?.v).toBe(2);
  });
});
