import type { ValidateFlags } from '../cli/program.js';

export async function runValidate(_flags: ValidateFlags): Promise<number> {
  process.stderr.write('validate: not built yet\n');
  return 1;
}
