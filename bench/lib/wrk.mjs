// One wrk run: -t1 -c50, bounded duration; a Lua done() hook prints the figures as JSON.
import { fileURLToPath } from 'node:url';
import { run } from './proc.mjs';

const script = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

/**
 * Returns { rps, p50Ms, p99Ms, requests, non2xx, socketErrors, errors } or throws.
 * `request` ({ method, body, authorization }) replaces the plain GET.
 */
export async function wrk(url, { seconds, connections = 50, threads = 1, request = {} }) {
  const r = await run('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', script, url], {
    timeoutMs: (seconds + 20) * 1000,
    env: { BENCH_METHOD: request.method, BENCH_BODY: request.body, BENCH_AUTHORIZATION: request.authorization },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCHJSON '));
  if (r.code !== 0 || !line) throw new Error(`wrk failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().slice(-300)}`);
  const j = JSON.parse(line.slice('BENCHJSON '.length));
  const socketErrors = j.connect + j.read + j.write + j.timeout;
  return {
    rps: j.requests / (j.duration_us / 1e6),
    p50Ms: j.p50_us / 1000,
    p99Ms: j.p99_us / 1000,
    requests: j.requests,
    non2xx: j.status,
    socketErrors,
    errors: j.status + socketErrors,
  };
}
