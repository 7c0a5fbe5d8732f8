// The embedded database of the cluster: one PGlite folder served over the
// PostgreSQL wire protocol to every replica (and to the migrations), as a
// child process of the cluster. Started by database.ts; stops on SIGTERM.
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';

interface Job {
  handlerId: number;
  /** A protocol message to run, or undefined to clean up after a connection that went away. */
  message?: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);
const ROLLBACK = (() => {
  const sql = Buffer.from('ROLLBACK\0');
  const message = Buffer.alloc(5 + sql.length, 'Q');
  message.writeInt32BE(4 + sql.length, 1);
  sql.copy(message, 5);
  return new Uint8Array(message);
})();
const TERMINATE = 0x58;

/** The output ends with ReadyForQuery reporting an idle session ('Z', length 5, 'I'). */
function endsIdle(tail: number[]): boolean {
  return tail.length === 6 && tail[0] === 0x5a && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 && tail[4] === 5 && tail[5] === 0x49;
}

/**
 * PGlite has a single session, which every connection shares.
 * pglite-socket's own queue runs the messages of all connections one at a
 * time in arrival order, so when they back up (behind another connection's
 * transaction, such as the migrations of a rolling restart) the Parse of one
 * connection and the Bind and Execute of another meet on the same unnamed
 * statement: a client gets another client's row, or "portal does not exist".
 *
 * This queue gives the session to one connection at a time, from its first
 * message until PGlite answers ReadyForQuery with the session idle: after a
 * Sync or a simple Query, and outside a transaction block. It has the shape
 * PGLiteSocketHandler calls, so the library still does the wire protocol.
 */
export class SessionQueue {
  private readonly waiting: Job[] = [];
  private owner: number | undefined;
  /** The connection whose message PGlite is running now. */
  private current: number | undefined;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  getQueueLength(): number {
    return this.waiting.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (const job of this.waiting.filter((j) => j.handlerId === handlerId)) job.reject(new Error('the client disconnected'));
    this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((j) => j.handlerId !== handlerId));
  }

  /** A connection that closed while it held the session: end what it left open, then let the others in. */
  clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId && this.current !== handlerId) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.unshift({ handlerId, onData: () => {}, resolve: () => resolve(), reject });
      void this.pump();
    });
  }

  private next(): Job | undefined {
    const at = this.owner === undefined ? 0 : this.waiting.findIndex((j) => j.handlerId === this.owner);
    return at === -1 ? undefined : this.waiting.splice(at, 1)[0];
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Stops when the owner has nothing queued: its next message is on its way.
      for (let job = this.next(); job; job = this.next()) await this.run(job);
    } finally {
      this.running = false;
    }
  }

  private async run(job: Job): Promise<void> {
    this.current = job.handlerId;
    try {
      if (!job.message) {
        // As protocol messages: db.exec() would wait for the lock this holds.
        await this.db.runExclusive(async () => {
          await this.db.execProtocolRawStream(SYNC, { onRawData: () => {} });
          if (this.db.isInTransaction()) await this.db.execProtocolRawStream(ROLLBACK, { onRawData: () => {} });
        });
        this.owner = undefined;
        return job.resolve(0);
      }
      let bytes = 0;
      let tail: number[] = [];
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(job.message!, {
          onRawData: (data) => {
            bytes += data.length;
            tail = [...tail, ...data.subarray(Math.max(0, data.length - 6))].slice(-6);
            job.onData(data);
          },
        }),
      );
      this.owner = endsIdle(tail) || job.message[0] === TERMINATE ? undefined : job.handlerId;
      job.resolve(bytes);
    } catch (error) {
      // The session's state is unknown after a failure inside PGlite: let the next connection start clean.
      this.owner = undefined;
      job.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.current = undefined;
    }
  }
}

/** Serves `db` on host:port; resolves once it listens. `close()` stops serving and drops every connection. */
export async function servePglite(db: PGlite, port: number, host = '127.0.0.1'): Promise<{ port: number; close: () => Promise<void> }> {
  // PGLiteSocketHandlerOptions names pglite-socket's own queue class, whose private members no other class can match.
  const queryQueue = new SessionQueue(db) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    void new PGLiteSocketHandler({ queryQueue, closeOnDetach: true }).attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string' } } });
  if (!values['data-dir'] || !values.port) throw new Error('usage: pgliteServer.ts --data-dir DIR --port PORT [--host HOST]');
  const db = await PGlite.create(values['data-dir']);
  const server = await servePglite(db, Number(values.port), values.host);
  process.stdout.write(`serving ${values['data-dir']} on ${values.host}:${server.port}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    // Closing PGlite writes its files completely before the process ends.
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

// Started by database.ts as a process of its own; imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
