import { execSync } from 'node:child_process';

// The CLI is tested as users meet it: the built bin. Build once per run.
export default function setup(): void {
  execSync('npm run build', { stdio: 'ignore' });
}
