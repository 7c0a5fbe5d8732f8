import { relative } from 'node:path';
import type { Answers } from '../answers/types.js';
import { pmCommandsFor } from '../render/context.js';

export function nextSteps(target: string, answers: Answers, installed: boolean): string[] {
  const pm = pmCommandsFor(answers.pm);
  const dir = relative(process.cwd(), target) || '.';
  const lines: string[] = [];
  if (dir !== '.') lines.push(`cd ${/\s/.test(dir) ? JSON.stringify(dir) : dir}`);
  if (!installed) lines.push(pm.install);
  lines.push(`${pm.run} dev          # http://localhost:3000/docs`);
  lines.push(`${pm.run} test`);
  lines.push(`${pm.run} build && ${pm.run} cluster   # ${answers.replicas} replica${answers.replicas > 1 ? 's' : ''} behind nginx on http://127.0.0.1:8080`);
  if (answers.docker) lines.push('docker compose up --build     # the whole stack');
  return lines;
}
