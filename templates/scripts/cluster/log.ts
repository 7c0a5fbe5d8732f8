import type { Readable, Writable } from 'node:stream';

/** A mistake or a missing tool the user can fix: printed as one line, exit code 1. */
export class ClusterError extends Error {}

export function fail(message: string): never {
  throw new ClusterError(message);
}

export function log(message: string): void {
  process.stdout.write(`cluster | ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`cluster | ${message}\n`);
}

/** Copies a child's output line by line, each line labelled with the child's name. */
export function pipeLines(name: string, stream: Readable, out: Writable): void {
  const label = `${name.padEnd(7)}| `;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    if (parts.length) out.write(parts.map((line) => label + line).join('\n') + '\n');
  });
  stream.on('end', () => {
    if (rest) out.write(label + rest + '\n');
  });
}
