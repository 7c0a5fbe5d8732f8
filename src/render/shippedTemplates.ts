import { loadTemplates } from './loadTemplates.js';
import { loadTemplateBundle } from './templateBundle.js';
import type { TemplateFile } from './types.js';

/** The templates of a run: a --template folder, else the shipped ones (precompiled when possible). */
export async function templatesFor(templateDir: string, isShipped: boolean): Promise<TemplateFile[]> {
  return (isShipped ? loadTemplateBundle(templateDir) : undefined) ?? loadTemplates(templateDir);
}
