import * as p from '@clack/prompts';
import type { ResourceField } from '../answers/types.js';
import { fieldTypes } from '../answers/types.js';
import { CancelledError, UserError } from '../errors.js';
import { parseFields } from './parseFields.js';

/** Asks for the fields in the same `name:type` form as --fields, checked as typed. */
export async function promptFields(resourceName: string): Promise<ResourceField[]> {
  const answer = await p.text({
    message: `Fields of ${resourceName} (name:type, comma-separated; ? optional, ! unique)`,
    placeholder: 'customer:string, total:number, note:text?',
    validate: (value) => {
      try {
        parseFields(value ?? '');
        return undefined;
      } catch (error) {
        if (error instanceof UserError) return `${error.message} Types: ${fieldTypes.join(', ')}.`;
        throw error;
      }
    },
  });
  if (p.isCancel(answer)) {
    p.cancel('Cancelled');
    throw new CancelledError();
  }
  return parseFields(answer);
}
