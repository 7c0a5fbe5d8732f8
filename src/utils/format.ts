export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The last lines of a command's output: enough to see why it failed. */
export function tail(text: string | undefined, lines = 15): string {
  if (!text) return '';
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
