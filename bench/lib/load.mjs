// Starts every service case, loads them in interleaved rounds, stops them all.
import fs from 'node:fs';
import { median } from './stats.mjs';
import { pauseTree, rssMb, stopGroup, treeRssMb } from './proc.mjs';
import { wrk } from './wrk.mjs';

function truncateLog(ctx, id) {
  // Request logs are kept on disk like in production, but not allowed to pile up.
  try {
    fs.truncateSync(`${ctx.logDir}/${id}.log`, 0);
  } catch {
    /* no log */
  }
}

async function startCase(c, ctx, log) {
  const t0 = performance.now();
  try {
    const s = await c.start(ctx);
    log(`  ${c.n.padEnd(3)} ${c.id}: up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return s;
  } catch (error) {
    log(`  ${c.n.padEnd(3)} ${c.id}: not measured: ${error.message}`);
    return { error: error.message };
  }
}

// After a run with errors: the server log lines that say why (kept in latest.json).
function logHints(ctx, id) {
  try {
    const text = fs.readFileSync(`${ctx.logDir}/${id}.log`, 'utf8');
    const hits = text.split('\n').filter((l) => /"level":(40|50|60)|error|exited|restart|fatal|"status":"?5\d\d/i.test(l));
    return [...new Set(hits.map((l) => l.slice(0, 300)))].slice(0, 12);
  } catch {
    return [];
  }
}

// After a run with errors: what does the URL answer now? (wrk only counts non-2xx.)
async function probe(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return `${res.status} ${(await res.text()).slice(0, 120)}`;
  } catch (error) {
    return `no answer: ${error.cause?.code ?? error.message}`;
  }
}

/**
 * Runs `work` with every other server paused (SIGSTOP). Idle servers still
 * wake up (timers, prom-client's event-loop monitor), and on two cores shared
 * with wrk that cost the fastest case most: with every server merely up, bare
 * Fastify served 10-22 % fewer requests than alone, the generated service
 * 0-9 % fewer, which made 4/1 look better than it is.
 */
async function alone(started, id, work) {
  const resumes = Object.entries(started)
    .filter(([other, s]) => other !== id && s.child)
    .map(([, s]) => pauseTree(s.child));
  try {
    return await work();
  } finally {
    for (const resume of resumes) resume();
  }
}

/** VmRSS of a started case: its process, or its whole tree (the cluster cases). */
const rssOf = (s) => (s.rssTree ? treeRssMb(s.rssPid) : rssMb(s.rssPid));

/** How a started case wants its load: a request other than a plain GET, fewer connections. */
const loadOf = (s) => ({ ...(s.request ? { request: s.request } : {}), ...(s.connections ? { connections: s.connections } : {}) });

/** Returns { [id]: row } with medians over runs. */
export async function loadCases(cases, ctx, { runs, seconds, warmupSeconds, log }) {
  const started = {};
  try {
    log('starting servers (generated first, so the peers serve the same item JSON)');
    for (const c of cases.filter((x) => !x.peer)) {
      started[c.id] = await startCase(c, ctx, log);
      if (!ctx.itemJsonFrom && started[c.id].itemJson) {
        ctx.itemJson = started[c.id].itemJson;
        ctx.itemJsonFrom = c.id;
      }
    }
    for (const c of cases.filter((x) => x.peer)) started[c.id] = await startCase(c, ctx, log);

    const live = cases.filter((c) => !started[c.id].error);
    // Before any load: what a replica holds when it is up and has served only
    // the bench's item (SPEC §8 puts a bound on it for PostgreSQL).
    for (const c of live) started[c.id].idleRssMb = rssOf(started[c.id]);
    const samples = Object.fromEntries(live.map((c) => [c.id, []]));
    log(`warm-up ${warmupSeconds} s each`);
    for (const c of live) await alone(started, c.id, () => wrk(started[c.id].url, { seconds: warmupSeconds, ...loadOf(started[c.id]) })).catch(() => undefined);
    for (let r = 0; r < runs; r++) {
      // Rotate the order every round so drift on the machine hits every case alike.
      const order = live.map((_, i) => live[(i + r) % live.length]);
      log(`round ${r + 1}/${runs}: ${order.map((c) => c.n).join(' ')}`);
      for (const c of order) {
        const s = started[c.id];
        try {
          const w = await alone(started, c.id, () => wrk(s.url, { seconds, ...loadOf(s) }));
          w.rssMb = rssOf(s);
          if (w.errors > 0) {
            w.probe = await probe(s.url);
            w.logHints = logHints(ctx, c.id);
          }
          samples[c.id].push(w);
        } catch (error) {
          samples[c.id].push({ error: error.message });
        }
        truncateLog(ctx, c.id);
      }
    }

    const rows = {};
    for (const c of cases) {
      const s = started[c.id];
      const base = { n: c.n, label: c.label, note: s.note };
      if (s.error) {
        rows[c.id] = { ...base, error: s.error };
        continue;
      }
      const ok = samples[c.id].filter((x) => !x.error);
      if (ok.length === 0) {
        rows[c.id] = { ...base, error: samples[c.id][0]?.error ?? 'no sample' };
        continue;
      }
      rows[c.id] = {
        ...base,
        url: s.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
        rps: median(ok.map((x) => x.rps)),
        p50Ms: median(ok.map((x) => x.p50Ms)),
        p99Ms: median(ok.map((x) => x.p99Ms)),
        errors: ok.reduce((a, x) => a + x.errors, 0),
        non2xx: ok.reduce((a, x) => a + x.non2xx, 0),
        socketErrors: ok.reduce((a, x) => a + x.socketErrors, 0),
        requests: ok.reduce((a, x) => a + x.requests, 0),
        rssMb: median(ok.map((x) => x.rssMb)),
        idleRssMb: s.idleRssMb,
        runs: ok.length,
        samples: samples[c.id],
        probes: ok.map((x) => x.probe).filter(Boolean),
      };
    }
    return rows;
  } finally {
    log('stopping servers');
    await Promise.all(Object.values(started).filter((s) => s.child).map((s) => stopGroup(s.child, 15_000)));
  }
}
