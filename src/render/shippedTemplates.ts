import { loadTemplateBundle } from './templateBundle.js';
import type { TemplateFile } from './types.js';

/** The templates of a run: a --template folder, else the shipped ones (precompiled when possible). */
export async function templatesFor(templateDir: string, isShipped: boolean): Promise<TemplateFile[]> {
  const bundled = isShipped ? loadTemplateBundle(templateDir) : undefined;
  if (bundled) return bundled;
  // Loaded only here: reading a folder of templates needs node:fs/promises,
  // which Node 26 compiles on first use (1.6 ms of a render that uses the bundle).
  const { loadTemplates } = await import('./loadTemplates.js');
  return loadTemplates(templateDir);
}
