import { execa, type ResultPromise } from 'execa';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `npm run cluster` without npm in between, so signals reach the cluster itself. */
export function startCluster(project: string, args: string[], env: Record<string, string | undefined>): ResultPromise<{ cwd: string; reject: false; all: true }> {
  return execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', ...args], { cwd: project, reject: false, all: true, env });
}

export async function waitForOutput(child: ResultPromise, output: () => string, pattern: RegExp, ms = 240_000): Promise<void> {
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
  failures: string[];
}

/**
 * A bounded request loop against 127.0.0.1 (reads of one item and writes of
 * new ones) from a second before `action` starts until a second after it ends.
 */
export async function loadDuring<T>(base: string, id: number, action: () => Promise<T>, workers = 16): Promise<{ counts: LoadCounts; during: T }> {
  const counts: LoadCounts = { reads: 0, writes: 0, failures: [] };
  let running = true;
  const worker = async (n: number) => {
    for (let i = 0; running; i++) {
      const write = (i + n) % 4 === 0;
      try {
        const res = write
          ? await fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `load ${n}-${i}`, price: 1 }) })
          : await fetch(`${base}/items/${id}`);
        await res.arrayBuffer();
        if (res.status === (write ? 201 : 200)) counts[write ? 'writes' : 'reads']++;
        else counts.failures.push(`${write ? 'POST' : 'GET'} ${res.status}`);
      } catch (error) {
        counts.failures.push(`${write ? 'POST' : 'GET'} ${(error as Error).message}`);
      }
    }
  };
  const load = Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
  await sleep(1000);
  const during = await action();
  await sleep(1000);
  running = false;
  await load;
  return { counts, during };
}
