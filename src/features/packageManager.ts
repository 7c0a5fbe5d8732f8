import { choice } from './answer.js';
import type { Feature } from './types.js';

export const pmChoices = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type PackageManager = (typeof pmChoices)[number];

const pmCommands: Record<PackageManager, { run: string; install: string; ci: string; exec: string }> = {
  npm: { run: 'npm run', install: 'npm install', ci: 'npm ci', exec: 'npx' },
  pnpm: { run: 'pnpm', install: 'pnpm install', ci: 'pnpm install --frozen-lockfile', exec: 'pnpm exec' },
  yarn: { run: 'yarn', install: 'yarn install', ci: 'yarn install --immutable', exec: 'yarn' },
  bun: { run: 'bun run', install: 'bun install', ci: 'bun install --frozen-lockfile', exec: 'bunx' },
};

export function pmCommandsFor(pm: PackageManager) {
  return pmCommands[pm];
}

// No default: the run takes the package manager that started it
// (npm_config_user_agent), else npm; the prompt starts there too.
export const packageManager: Feature = {
  id: 'pm',
  answer: choice({
    key: 'pm',
    choices: pmChoices,
    flag: 'package manager (default: the one running this)',
    schema: 'Package manager. Default: the one running create-scaled-api (npm_config_user_agent), else npm.',
    prompt: { kind: 'select', message: 'Package manager', summary: 'pm', options: pmChoices.map((pm) => ({ value: pm, label: pm })) },
  }),
  parts: [
    // The shipped lockfile is npm's; the others resolve on first install.
    { name: 'npmLockfile', when: (a) => a.pm === 'npm', files: ['package-lock.json'] },
    { name: 'yarnConfig', when: (a) => a.pm === 'yarn', files: ['.yarnrc.yml'] },
  ],
  context: (a) => {
    const pm = pmCommands[a.pm];
    return { pmRun: pm.run, pmInstall: pm.install, pmCi: pm.ci, pmExec: pm.exec };
  },
};
