// `npm run cluster`: the production topology on this machine, without Docker.
// See options.ts (or --help) for what it runs and the flags it takes.
import path from 'node:path';
import { buildIfNeeded } from './build.js';
import { runCluster } from './cluster.js';
import { controlSocket, requestReload } from './control.js';
import { ClusterError } from './log.js';
import { findNginx } from './nginx.js';
import { parseOptions, usage } from './options.js';

const root = path.resolve(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), root);
  if (options === 'help') return void process.stdout.write(usage);
  if (options.reload) process.exit((await requestReload(controlSocket(root, options.port), options.port)) ? 0 : 1);
  const nginx = findNginx();
  await buildIfNeeded(root, options.build);
  await runCluster(root, options, nginx);
}

main().catch((error: unknown) => {
  process.stderr.write(`cluster: ${error instanceof ClusterError ? error.message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
});
