import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { closeGracefully } from './lifecycle.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // One clear line for whoever reads the deploy log, not a stack trace.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function startApp(config: Config): Promise<FastifyInstance> {
  try {
    return await buildApp(config);
  } catch (error) {
    // e.g. the database is unreachable: say so and let the supervisor retry.
    console.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const config = readConfig();
const app = await startApp(config);

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  app.log.info({ signal }, 'shutting down');
  const result = await closeGracefully(app, config.shutdownTimeoutMs);
  if (result === 'timeout') {
    app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out, exiting with requests still open');
    process.exit(1);
  }
  app.log.info('shutdown complete');
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  });
}

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.fatal({ err: error }, 'could not start');
  await app.close().catch(() => {});
  process.exit(1);
}
