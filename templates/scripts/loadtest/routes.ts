import type autocannon from 'autocannon';
import type { LoadtestConfig, RouteName } from './config.js';

export interface Route {
  name: RouteName;
  method: 'GET' | 'POST';
  path: string;
  request: autocannon.Request;
}

/** Ids no request of this run has read yet: every read of one is a cache miss. */
export class UnreadIds {
  private readonly ids: number[] = [];
  reused = 0;
  constructor(private readonly fallback: number) {}
  add(id: number): void {
    this.ids.push(id);
  }
  take(): number {
    const id = this.ids.pop();
    if (id !== undefined) return id;
    this.reused++;
    return this.fallback;
  }
}

let written = 0;
const newItem = () => JSON.stringify({ name: `loadtest ${++written}`, price: 1 });

// The seam for an API that wants a token on writes (`--token` or LOADTEST_TOKEN).
function writeHeaders(config: LoadtestConfig): Record<string, string> {
  return { 'content-type': 'application/json', ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) };
}

async function create(config: LoadtestConfig): Promise<number> {
  const res = await fetch(`${config.url}/items`, { method: 'POST', headers: writeHeaders(config), body: newItem() });
  if (res.status !== 201) throw new Error(`POST ${config.url}/items answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return ((await res.json()) as { id: number }).id;
}

/** Creates the items the reads use, and reads the hot ones once so they are cached before the clock starts. */
export async function seed(config: LoadtestConfig): Promise<{ hot: number[]; unread: UnreadIds }> {
  const ids: number[] = [];
  let left = config.seedItems;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (left-- > 0) ids.push(await create(config));
    }),
  );
  ids.sort((a, b) => a - b);
  const hot = ids.slice(0, Math.min(10, ids.length));
  for (const id of hot) await (await fetch(`${config.url}/items/${id}`)).arrayBuffer();
  const unread = new UnreadIds(hot[0]!);
  for (const id of ids.slice(hot.length)) unread.add(id);
  return { hot, unread };
}

export function routes(config: LoadtestConfig, hot: number[], unread: UnreadIds): Route[] {
  let next = 0;
  return [
    {
      name: 'cached read',
      method: 'GET',
      path: '/items/:id',
      request: { method: 'GET', setupRequest: (req) => ({ ...req, path: `/items/${hot[next++ % hot.length]}` }) },
    },
    {
      name: 'uncached read',
      method: 'GET',
      path: '/items/:id',
      request: { method: 'GET', setupRequest: (req) => ({ ...req, path: `/items/${unread.take()}` }) },
    },
    { name: 'list page', method: 'GET', path: '/items?limit=20', request: { method: 'GET', path: '/items?limit=20' } },
    {
      name: 'write',
      method: 'POST',
      path: '/items',
      request: {
        method: 'POST',
        path: '/items',
        headers: writeHeaders(config),
        setupRequest: (req) => ({ ...req, body: newItem() }),
        // Items written during the run feed the uncached reads.
        onResponse: (status, body) => {
          if (status === 201) unread.add((JSON.parse(body) as { id: number }).id);
        },
      },
    },
  ];
}
