import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolConfig } from 'pg';

export interface EmbeddedPglite {
  /** What node-postgres needs to reach it. */
  connection: PoolConfig;
  /** Stops serving and closes PGlite, so its files are complete on disk. */
  stop(): Promise<void>;
}

/** node-postgres connects to `<host>/.s.PGSQL.<port>` when host is a folder. */
const SOCKET_PORT = 5432;
const SOCKET_DIR_PREFIX = 'pglite-socket-';
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts PGlite in a worker thread of this process (pglite-worker.mjs) and
 * serves it on a Unix socket. PGlite's WebAssembly runs a query to the end
 * without yielding; on the event loop, every other request (a cache hit, a
 * health check, a metrics scrape) waited behind it.
 */
export async function startPglite(dataDir: string): Promise<EmbeddedPglite> {
  let target = dataDir;
  if (!dataDir.startsWith('memory://')) {
    target = resolve(dataDir);
    // PGlite creates only the last path segment itself.
    await mkdir(dirname(target), { recursive: true });
  }
  // PGlite asks for no password, so the socket lives in a folder only this
  // user can enter (mkdtemp creates it with mode 0700).
  await removeAbandonedSocketDirs();
  const socketDir = await mkdtemp(join(tmpdir(), `${SOCKET_DIR_PREFIX}${process.pid}-`));
  const removeSocketDir = () => {
    rmSync(socketDir, { recursive: true, force: true });
    process.off('exit', removeSocketDir);
  };
  process.once('exit', removeSocketDir);

  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: target, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) },
  });
  try {
    await nextMessage(worker, 'ready');
  } catch (error) {
    await worker.terminate();
    removeSocketDir();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`embedded PGlite could not open ${dataDir}: ${reason}`, { cause: error });
  }
  // An error in the worker after this (PGlite aborting) is left unhandled on
  // purpose: the process exits and its supervisor restarts it, as it would if
  // PGlite had aborted on the main thread.
  worker.unref();

  return {
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    stop: async () => {
      // Keeps the process alive until PGlite has closed its files.
      worker.ref();
      worker.postMessage('close');
      try {
        await nextMessage(worker, 'closed', STOP_TIMEOUT_MS);
      } finally {
        await worker.terminate();
        removeSocketDir();
      }
    },
  };
}

/**
 * A process killed before it could stop PGlite (SIGKILL, or the SIGTERM that
 * ends a test runner's worker) leaves its socket folder behind; the next one
 * to start removes the folders of processes that are gone.
 */
async function removeAbandonedSocketDirs(): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(SOCKET_DIR_PREFIX)) continue;
    const pid = Number(name.slice(SOCKET_DIR_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
      await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => {});
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves on the worker's next message, which must be `expected`; rejects if it fails or exits first. */
function nextMessage(worker: Worker, expected: string, timeoutMs?: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const late = () => settle(new Error(`no "${expected}" from the PGlite worker in ${timeoutMs} ms`));
    const timer = timeoutMs === undefined ? undefined : setTimeout(late, timeoutMs);
    const onMessage = (message: unknown) =>
      settle(message === expected ? undefined : new Error(`unexpected message from the PGlite worker: ${String(message)}`));
    const onError = (error: Error) => settle(error);
    const onExit = (code: number) => settle(new Error(`the PGlite worker exited with code ${code}`));
    function settle(error: Error | undefined) {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error) reject(error);
      else resolvePromise();
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
