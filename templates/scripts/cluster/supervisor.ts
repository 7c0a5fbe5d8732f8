import type { ChildProcess } from 'node:child_process';
import { log, warn } from './log.js';
import { READY_TIMEOUT_MS, startChild, waitExit, waitReady } from './processes.js';

/** One place in the upstream: api-N, served by one process at a time (two during its rolling restart). */
export interface Slot {
  name: string;
  port: number;
  child?: ChildProcess;
}

const CRASHES_PER_MINUTE = 5;

/**
 * Owns every child process of the cluster. A replica that exits after start-up
 * is restarted (like a container runtime would); a crash loop, or nginx or the
 * database server exiting, stops everything with exit code 1.
 */
export class Supervisor {
  stopping = false;
  /** True once the cluster first served: a replica lost before that is a start-up failure. */
  ready = false;
  readonly slots: Slot[];
  private readonly services = new Map<string, ChildProcess>();
  private readonly crashes: number[] = [];
  /** Every replica process still running, whether or not a slot holds it yet. */
  private readonly replicas = new Set<ChildProcess>();
  private stopped: Promise<never> | undefined;

  constructor(
    private readonly root: string,
    readonly env: NodeJS.ProcessEnv,
    ports: number[],
    private readonly options: { restart: boolean; shutdownTimeoutMs: number },
  ) {
    this.slots = ports.map((port, i) => ({ name: `api-${i + 1}`, port }));
    // Last resort if this process dies some other way: never leave children behind.
    process.on('exit', () => {
      for (const child of this.children()) child.kill('SIGKILL');
    });
  }

  children(): ChildProcess[] {
    return [...this.services.values(), ...this.replicas];
  }

  pids(): [string, number | undefined][] {
    return [...this.services.entries(), ...this.slots.map((s) => [s.name, s.child] as const)].map(([name, child]) => [name, child?.pid]);
  }

  /** Ctrl-C reaches the whole process group at once: give our own signal handler a moment first. */
  private onExit(handle: () => void): () => void {
    return () => setTimeout(() => !this.stopping && handle(), 300);
  }

  /** nginx or the database server: the cluster cannot run without it. */
  async startService(name: string, command: string, args: string[], check: () => Promise<boolean>, env = this.env): Promise<boolean> {
    let how = '';
    const child = startChild(name, command, args, {
      cwd: this.root,
      env,
      onError: (error) => void (!this.stopping && this.stop(1, `${name} could not start: ${error.message}`)),
      onExit: (exitedHow) => {
        how = exitedHow;
        this.onExit(() => this.stop(1, `${name} exited unexpectedly (${how}); stopping the cluster`))();
      },
    });
    this.services.set(name, child);
    const result = await waitReady(check, child, () => this.stopping);
    if (result === 'ready') return true;
    if (result === 'timeout') await this.stop(1, `${name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    return false;
  }

  service(name: string): ChildProcess | undefined {
    return this.services.get(name);
  }

  /**
   * Starts a process for `slot` on `port`. It becomes the slot's process only
   * when the caller assigns it (at once on start-up, after it is ready in a
   * rolling restart), so a new replica that fails is never restarted.
   */
  startReplica(slot: Slot, port: number): ChildProcess {
    const child = startChild(slot.name, process.execPath, ['dist/main.js'], {
      cwd: this.root,
      env: { ...this.env, PORT: String(port), HOST: '127.0.0.1' },
      onError: (error) => void (!this.stopping && slot.child === child && this.stop(1, `${slot.name} could not start: ${error.message}`)),
      onExit: (how) => {
        this.replicas.delete(child);
        this.onExit(() => slot.child === child && this.replicaExited(slot, how))();
      },
    });
    this.replicas.add(child);
    return child;
  }

  private replicaExited(slot: Slot, how: string): void {
    slot.child = undefined;
    if (!this.ready) return void this.stop(1, `${slot.name} exited during start-up (${how}); see its log above`);
    if (!this.options.restart) {
      log(`${slot.name} exited (${how}); not restarted (--no-restart)`);
      if (!this.slots.some((s) => s.child)) void this.stop(1, 'no replica is left');
      return;
    }
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0]! < now - 60_000) this.crashes.shift();
    if (this.crashes.length > CRASHES_PER_MINUTE) {
      return void this.stop(1, `replicas exited ${this.crashes.length} times within a minute (last: ${slot.name}, ${how}); stopping the cluster`);
    }
    log(`${slot.name} exited (${how}); restarting it in 1 s`);
    setTimeout(() => {
      if (!this.stopping && !slot.child) slot.child = this.startReplica(slot, slot.port);
    }, 1_000);
  }

  /** Stops front to back: nginx finishes what it is serving, the replicas drain, then the database goes. */
  stop(code: number, reason?: string): Promise<never> {
    if (this.stopped) return this.stopped;
    this.stopping = true;
    if (reason) (code ? warn : log)(reason);
    this.stopped = (async () => {
      const nginx = this.services.get('nginx');
      if (nginx) {
        nginx.kill('SIGQUIT');
        await waitExit(nginx, 5_000);
      }
      const replicas = [...this.replicas];
      for (const child of replicas) child.kill('SIGTERM');
      await Promise.all(replicas.map((child) => waitExit(child, this.options.shutdownTimeoutMs + 5_000)));
      const rest = [...this.services.values()];
      for (const child of rest) child.kill('SIGTERM');
      await Promise.all(rest.map((child) => waitExit(child, 5_000)));
      process.exit(code);
    })();
    return this.stopped;
  }

  /** Force: a second Ctrl-C kills everything at once. */
  kill(): never {
    for (const child of this.children()) child.kill('SIGKILL');
    process.exit(130);
  }
}
