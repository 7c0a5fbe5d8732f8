import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeLines } from './log.js';
import { sleep } from './net.js';

// Generous: on a busy laptop PGlite alone can take a minute to open its folder.
export const READY_TIMEOUT_MS = 120_000;

export const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The first executable file named `command` in PATH, then in `extraDirs`. */
export function findExecutable(command: string, extraDirs: string[] = []): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Starts a child whose output is labelled with its name; `onExit` says how it ended. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onError: (error: Error) => void; onExit: (how: string) => void },
): ChildProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  pipeLines(name, child.stdout!, process.stdout);
  pipeLines(name, child.stderr!, process.stderr);
  child.on('error', options.onError);
  child.on('exit', (code, signal) => options.onExit(signal ? `signal ${signal}` : `code ${code}`));
  return child;
}

/** Resolves once the child has exited, sending SIGKILL after `ms`. */
export function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * A replica listens only once the service is built and connected (src/main.ts
 * builds the app, then listens), so listening is its readiness here. The
 * port cannot tell: during a rolling restart the old replica answers on it too.
 */
export const listens = (replica: { listening: () => boolean }) => async () => replica.listening();

/**
 * Polls `check` until it passes: 'ready', or why not. Gives up early when the
 * child exits or `cancelled()` turns true (the cluster is stopping).
 */
export async function waitReady(
  check: () => Promise<boolean>,
  child: ChildProcess,
  cancelled: () => boolean,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<'ready' | 'exited' | 'timeout' | 'cancelled'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (cancelled()) return 'cancelled';
    if (hasExited(child)) return 'exited';
    if (await check().catch(() => false)) return 'ready';
    await sleep(200);
  }
  return 'timeout';
}
