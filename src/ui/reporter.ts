import { msSince, now } from '../utils/clock.js';
import { seconds } from '../utils/format.js';

export interface StepRecord {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  detail?: string;
}

/**
 * Where progress goes. On a TTY a spinner with elapsed time; in pipes and CI
 * one plain line per event; with --json nothing (the final object holds it all).
 */
export class Reporter {
  readonly steps: StepRecord[] = [];

  constructor(
    private readonly mode: 'tty' | 'plain' | 'json',
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  static for(options: { json: boolean }): Reporter {
    if (options.json) return new Reporter('json');
    return new Reporter(process.stdout.isTTY && !process.env.CI ? 'tty' : 'plain');
  }

  get isJson(): boolean {
    return this.mode === 'json';
  }

  line(text = ''): void {
    if (this.mode !== 'json') this.out.write(`${text}\n`);
  }

  async skip(name: string, why: string): Promise<void> {
    this.steps.push({ name, status: 'skipped', ms: 0, detail: why });
    if (this.mode === 'tty') (await import('@clack/prompts')).log.info(`${name}: skipped (${why})`);
    else this.line(`○ ${name}: skipped (${why})`);
  }

  /** The opening line on a TTY when no prompt already showed one. */
  async start(title: string): Promise<void> {
    if (this.mode === 'tty') (await import('@clack/prompts')).intro(title);
  }

  /** The closing words: a boxed list of next steps on a TTY, plain lines elsewhere. */
  async finish(title: string, nextSteps: string[]): Promise<void> {
    if (this.mode === 'tty') {
      const p = await import('@clack/prompts');
      p.note(nextSteps.join('\n'), 'Next steps');
      p.outro(title);
      return;
    }
    this.line();
    this.line(`${title}. Next steps:`);
    for (const step of nextSteps) this.line(`  ${step}`);
  }

  /** Runs one step, timing it; a thrown error marks it failed and is re-thrown. */
  async step<T>(name: string, running: string, work: () => Promise<T>, done: (value: T, ms: number) => string): Promise<T> {
    const start = now();
    const spinner = this.mode === 'tty' ? (await import('@clack/prompts')).spinner({ indicator: 'timer' }) : undefined;
    if (spinner) spinner.start(running);
    else this.line(`… ${running}`);
    try {
      const value = await work();
      const ms = msSince(start);
      const message = done(value, ms);
      this.steps.push({ name, status: 'passed', ms: Math.round(ms) });
      if (spinner) spinner.stop(message);
      else this.line(`✔ ${message} (${seconds(ms)})`);
      return value;
    } catch (error) {
      const ms = msSince(start);
      this.steps.push({ name, status: 'failed', ms: Math.round(ms), detail: (error as Error).message });
      if (spinner) spinner.error(`${name} failed after ${seconds(ms)}`);
      else this.line(`✖ ${name} failed after ${seconds(ms)}`);
      throw error;
    }
  }

  timings(): Record<string, number> {
    return Object.fromEntries(this.steps.filter((s) => s.status !== 'skipped').map((s) => [s.name, s.ms]));
  }
}
