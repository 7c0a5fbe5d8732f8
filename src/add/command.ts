import type { AddResourceFlags } from '../cli/options.js';
import { UserError } from '../errors.js';

/** `create-scaled-api add resource <name>`: parsed and dispatched here; writing the resource is not part of this build. */
export async function runAdd(name: string, flags: AddResourceFlags): Promise<number> {
  void name;
  void flags;
  throw new UserError('add resource is not available in this build.');
}
