import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/utils/freePort.js';
import { runCli, useTempDir } from '../helpers.js';
import { signUp } from './account.js';

// The service started by `npm run cluster` (nginx over two replicas, embedded
// PGlite served to both) exports its spans to a small OTLP/HTTP JSON receiver
// run by the test, configured only by the standard OTEL_* variables.
const hasNginx = (() => {
  try {
    execSync('command -v nginx', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const tempDir = useTempDir('csa-tracing-');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  service: string | undefined;
  attributes: Record<string, unknown>;
}
type OtlpValue = Record<string, unknown>;
type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] };
type OtlpBody = { resourceSpans?: { resource?: { attributes?: { key: string; value: OtlpValue }[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[] };

const valueOf = (value: OtlpValue) => Object.values(value)[0];

describe.skipIf(!hasNginx)('tracing through npm run cluster', () => {
  const received: ReceivedSpan[] = [];
  let receiver: Server;
  let cluster: ResultPromise;
  let output = '';
  let base = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        if (req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpBody;
          for (const rs of body.resourceSpans ?? []) {
            const service = rs.resource?.attributes?.find((a) => a.key === 'service.name');
            for (const ss of rs.scopeSpans ?? []) {
              for (const s of ss.spans ?? []) {
                received.push({
                  traceId: s.traceId.toLowerCase(),
                  spanId: s.spanId.toLowerCase(),
                  parentSpanId: (s.parentSpanId ?? '').toLowerCase(),
                  name: s.name,
                  kind: s.kind,
                  service: service && String(valueOf(service.value)),
                  attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
                });
              }
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const receiverPort = await freePort();
    await new Promise<void>((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve));

    const cwd = await tempDir();
    const gen = await runCli(['traced-api', '--yes', '--pm', 'npm', '--no-git', '--no-smoke', '--replicas', '2', '--cache', 'memory'], { cwd });
    expect(gen.exitCode, gen.stderr).toBe(0);
    const project = join(cwd, 'traced-api');

    const [nginxPort, statusPort, firstReplica] = [await freePort(), await freePort(), 31000 + (process.pid % 1000) * 20];
    base = `http://127.0.0.1:${nginxPort}`;
    const env: Record<string, string> = {
      RATE_LIMIT_MAX: '0',
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'traced-e2e',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    cluster = execa('node', ['--import', 'tsx', 'scripts/cluster/main.ts', '--port', String(nginxPort), '--status-port', String(statusPort), '--base-port', String(firstReplica)], {
      cwd: project,
      reject: false,
      all: true,
      extendEnv: false,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    cluster.all?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let i = 0; i < 1800 && !/ready: http/.test(output); i++) {
      if (cluster.exitCode !== null) break;
      await sleep(100);
    }
    expect(output, output).toMatch(/ready: http/);
  });

  afterAll(async () => {
    cluster?.kill('SIGTERM');
    const done = await cluster;
    receiver?.close();
    expect(done?.exitCode, output.slice(-2000)).toBe(0);
  });

  it('continues the traceparent sent to nginx and exports the server and database spans of the request', async () => {
    const created = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await signUp(base)) },
      body: JSON.stringify({ name: 'traced', price: 2 }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };

    const traceId = hex(16);
    const parentId = hex(8);
    const response = await fetch(`${base}/items/${id}`, { headers: { traceparent: `00-${traceId}-${parentId}-01`, 'x-request-id': 'e2e-trace-1' } });
    expect(response.status).toBe(200);

    const ofTrace = () => received.filter((s) => s.traceId === traceId);
    for (let i = 0; i < 100 && !(ofTrace().some((s) => s.kind === 2) && ofTrace().some((s) => 'db.query.text' in s.attributes)); i++) await sleep(100);

    const server = ofTrace().filter((s) => s.kind === 2);
    expect(server, JSON.stringify(received.slice(-20))).toHaveLength(1);
    expect(server[0]!.parentSpanId).toBe(parentId);
    expect(server[0]!.attributes['http.route']).toBe('/items/:id');
    expect(server[0]!.service).toBe('traced-e2e');
    expect(ofTrace().some((s) => String(s.attributes['db.query.text'] ?? '').toLowerCase().startsWith('select'))).toBe(true);
    // The replica's log line of that request carries the trace id beside the request id nginx passed on.
    await sleep(300);
    const line = output.split('\n').find((l) => l.includes(`"trace_id":"${traceId}"`));
    expect(line, output.slice(-2000)).toContain('"reqId":"e2e-trace-1"');
  });
});
