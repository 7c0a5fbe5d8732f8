import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { closeGracefully } from '../src/lifecycle.js';
import { buildTestApp } from './helpers.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('graceful shutdown', () => {
  it('finishes a request in flight, then stops accepting connections', async () => {
    app = await buildTestApp();
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      app!.get('/slow', async () => {
        resolve();
        await new Promise<void>((r) => (release = r));
        return { done: true };
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };

    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await started;
    const closing = closeGracefully(app, 5_000);
    expect(app.lifecycle.draining).toBe(true);
    setTimeout(() => release(), 200);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    expect(await closing).toBe('closed');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });

  it('serves a kept-alive connection that was idle when draining began, then tells the client to close it', async () => {
    app = await buildTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    // One socket: the second request can only go over the first one's connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        http.get({ port, host: '127.0.0.1', path: '/health/live', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        }).on('error', reject);
      });
    expect(await get()).toEqual({ status: 200, connection: 'keep-alive' });

    const closing = closeGracefully(app, 5_000);
    // Closing an idle connection races the request a client (nginx) may be
    // writing into it at that moment, so the replica leaves it open.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await get()).toEqual({ status: 200, connection: 'close' });
    // That was the last connection: the drain ends without waiting for the grace.
    const started = Date.now();
    expect(await closing).toBe('closed');
    expect(Date.now() - started).toBeLessThan(2_000);
    agent.destroy();
  });

  it('gives up after the timeout when a request never finishes', async () => {
    app = await buildTestApp();
    const arrived = new Promise<void>((resolve) => {
      app!.get('/stuck', () => {
        resolve();
        return new Promise(() => {});
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const stuck = fetch(`http://127.0.0.1:${port}/stuck`).catch(() => undefined);
    // Close only once the request is in the handler, however busy the machine.
    await arrived;
    expect(await closeGracefully(app, 200)).toBe('timeout');
    app.server.closeAllConnections();
    await stuck;
    app = undefined;
  });
});
