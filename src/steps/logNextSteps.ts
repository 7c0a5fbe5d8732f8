import { relative } from 'node:path';
import type { Answers } from '../answers/types.js';
import { pmCommandsFor } from '../features/packageManager.js';

export function nextSteps(target: string, answers: Answers, installed: boolean): string[] {
  const pm = pmCommandsFor(answers.pm);
  const dir = relative(process.cwd(), target) || '.';
  const steps: [string, string?][] = [];
  if (dir !== '.') steps.push([`cd ${/\s/.test(dir) ? JSON.stringify(dir) : dir}`]);
  if (!installed) steps.push([pm.install]);
  steps.push([`${pm.run} dev`, 'http://localhost:3000/docs']);
  steps.push([`${pm.run} test`]);
  steps.push([`${pm.run} cluster`, `${answers.replicas} replica${answers.replicas > 1 ? 's' : ''} behind nginx on http://127.0.0.1:8080`]);
  if (answers.docker) steps.push(['docker compose up --build', 'the whole stack']);
  const width = Math.max(...steps.map(([command]) => command.length));
  return steps.map(([command, note]) => (note ? `${command.padEnd(width)}   # ${note}` : command));
}
