import type { Answers, PackageManager } from '../answers/types.js';
import { dependenciesFor } from '../features/index.js';
import { initialSnapshot } from './initialMigration.js';
import { resourceContext } from './resourceContext.js';

/** Node.js major of the Docker image and CI of generated projects: the active LTS. */
export const NODE_MAJOR = 26;
/** First port of the local cluster's replicas (`npm run cluster`). */
export const CLUSTER_BASE_PORT = 8000;

const pmCommands: Record<PackageManager, { run: string; install: string; ci: string; exec: string }> = {
  npm: { run: 'npm run', install: 'npm install', ci: 'npm ci', exec: 'npx' },
  pnpm: { run: 'pnpm', install: 'pnpm install', ci: 'pnpm install --frozen-lockfile', exec: 'pnpm exec' },
  yarn: { run: 'yarn', install: 'yarn install', ci: 'yarn install --immutable', exec: 'yarn' },
  bun: { run: 'bun run', install: 'bun install', ci: 'bun install --frozen-lockfile', exec: 'bunx' },
};

export function pmCommandsFor(pm: PackageManager) {
  return pmCommands[pm];
}

/** Every variable a template can use; documented in docs/templates.md. */
export function buildContext(answers: Answers, templateVersion: string) {
  const pm = pmCommands[answers.pm];
  const resources = answers.resources.map(resourceContext);
  return {
    ...answers,
    /** Each resource with its derived names and fields (see resourceContext). */
    resources,
    initialSnapshot: initialSnapshot(resources),
    has: {
      database: answers.db !== 'none',
      cache: answers.cache !== 'none',
      redis: answers.cache === 'redis',
      githubCi: answers.ci === 'github',
    },
    replicaList: Array.from({ length: answers.replicas }, (_, i) => ({
      index: i + 1,
      name: `api-${i + 1}`,
      port: CLUSTER_BASE_PORT + i,
    })),
    pmRun: pm.run,
    pmInstall: pm.install,
    pmCi: pm.ci,
    pmExec: pm.exec,
    nodeMajor: NODE_MAJOR,
    templateVersion,
    ...dependenciesFor(answers),
  };
}

export type TemplateContext = ReturnType<typeof buildContext>;
