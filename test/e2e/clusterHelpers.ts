import http from 'node:http';
import { execa, type ResultPromise } from 'execa';
import { expect } from 'vitest';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `npm run cluster` without npm in between, so signals reach the cluster itself.
 * Its stop is bounded by its own timeouts; execa's SIGKILL after 5 s would cut
 * a replica's drain short (it leaves a client's idle connections open up to 3 s).
 */
export function startCluster(project: string, args: string[], env: Record<string, string | undefined>): ResultPromise<{ cwd: string; reject: false; all: true; forceKillAfterDelay: number }> {
  return execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', ...args], { cwd: project, reject: false, all: true, env, forceKillAfterDelay: 60_000 });
}

export async function waitForOutput(child: ResultPromise, output: () => string, pattern: RegExp, ms = 420_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(output()) && Date.now() < deadline) {
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  if (!pattern.test(output())) throw new Error(`no ${pattern} in the cluster output:\n${output().slice(-3000)}`);
}

export interface LoadCounts {
  reads: number;
  writes: number;
  /** Answers other than 201 for a write and 200 for a read, or with another item than asked for. */
  failures: string[];
  /** Connections closed or reset before an answer. */
  connectionErrors: string[];
}

/** One request on the client's kept-alive connection: status and body. */
function request(agent: http.Agent, url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A bounded request loop against 127.0.0.1 (reads of one item and writes of
 * new ones) from a second before `action` starts until a second after it ends.
 * Each worker is one client with one kept-alive connection, as autocannon and
 * browsers load a service: a connection that nginx or a replica closes while
 * the client writes into it is a failure here, since Node's client does not
 * retry.
 */
export async function loadDuring<T>(base: string, id: number, action: () => Promise<T>, options: { workers?: number; auth?: Record<string, string> } = {}): Promise<{ counts: LoadCounts; during: T }> {
  const { workers = 16, auth = {} } = options;
  const counts: LoadCounts = { reads: 0, writes: 0, failures: [], connectionErrors: [] };
  let running = true;
  const worker = async (n: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; running; i++) {
      const write = (i + n) % 4 === 0;
      const name = `load ${n}-${i}`;
      try {
        const { status, body } = write ? await request(agent, `${base}/items`, 'POST', JSON.stringify({ name, price: 1 }), auth) : await request(agent, `${base}/items/${id}`, 'GET');
        if (status !== (write ? 201 : 200)) counts.failures.push(`${write ? 'POST' : 'GET'} ${status}`);
        // A shared database session that mixes up clients answers 200 with someone else's row.
        else if (write ? (JSON.parse(body) as { name?: string }).name !== name : (JSON.parse(body) as { id?: number }).id !== id) counts.failures.push(`${write ? 'POST' : 'GET'} ${status} with another item`);
        else counts[write ? 'writes' : 'reads']++;
      } catch (error) {
        counts.connectionErrors.push(`${write ? 'POST' : 'GET'} ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    agent.destroy();
  };
  const load = Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
  await sleep(1000);
  const during = await action();
  await sleep(1000);
  running = false;
  await load;
  return { counts, during };
}

/** What a rolling restart may cost: nothing, neither an error answer nor a connection closed before its answer. */
export function expectNoLoss(counts: LoadCounts): void {
  expect(counts.failures).toEqual([]);
  expect(counts.connectionErrors).toEqual([]);
}
