// The thread that runs embedded PGlite and serves it on a Unix socket (see
// pglite.ts for why it is not on the event loop). Plain JavaScript, so node
// (dist/) and tsx or vitest (src/) start it alike; the build copies it.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// From pglite.ts: PGlite's folder (or memory://) and the socket to serve.
const { dataDir, socketPath } = workerData;

const db = await PGlite.create(dataDir);
// The service keeps one connection open (see connection.ts); node-postgres
// drops a connection whose query failed and opens a new one at once, which
// can arrive before the old one is gone: the headroom lets it in.
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
await server.start();

// The one message the service sends is "close": stop serving, then close
// PGlite so its files are complete on disk.
parentPort.once('message', async () => {
  await server.stop();
  await db.close();
  parentPort.postMessage('closed');
});
parentPort.postMessage('ready');
