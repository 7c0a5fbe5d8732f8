import { seconds } from '../utils/format.js';
import type { Combination, CombinationResult } from './types.js';

/**
 * Progress while combinations run. On a TTY one live line that names what is
 * running, redrawn in place, plus a permanent line per finished combination;
 * in CI one plain line per finished combination; with --json nothing.
 */
export class Progress {
  private done = 0;
  private readonly running = new Map<number, string>();

  constructor(
    private readonly mode: 'tty' | 'plain' | 'silent',
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {}

  static for(json: boolean, total: number): Progress {
    if (json) return new Progress('silent', total);
    return new Progress(process.stdout.isTTY && !process.env.CI ? 'tty' : 'plain', total);
  }

  note(text: string): void {
    if (this.mode === 'silent') return;
    this.clear();
    this.out.write(`${text}\n`);
    this.draw();
  }

  checking(combination: Combination, check: string): void {
    this.running.set(combination.index, check);
    this.draw();
  }

  finished(result: CombinationResult): void {
    this.done++;
    this.running.delete(result.combination.index);
    const failed = result.checks.filter((c) => c.status === 'failed').map((c) => c.name);
    const mark = failed.length ? '✖' : '✔';
    const what = failed.length ? `failed: ${failed.join(', ')}` : `${result.checks.length} checks`;
    this.note(`${mark} [${this.done}/${this.total}] #${result.combination.index} ${result.combination.label} — ${what} (${seconds(result.ms)})`);
  }

  stop(): void {
    this.clear();
  }

  private clear(): void {
    if (this.mode === 'tty') this.out.write('\r\x1b[2K');
  }

  private draw(): void {
    if (this.mode !== 'tty' || this.running.size === 0) return;
    const now = [...this.running].map(([i, check]) => `#${i} ${check}`).join(', ');
    const text = `… [${this.done}/${this.total}] ${now}`;
    this.clear();
    this.out.write(text.slice(0, (this.out.columns || 100) - 1));
  }
}
