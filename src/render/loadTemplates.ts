import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { TemplateFile } from './types.js';

/**
 * Reads every file of a templates folder. Symlinks are refused: a template
 * must never make the CLI read or write outside the folders it was given.
 *
 * Synchronous reads, as writeProject writes: a folder of a hundred small
 * files read one `await` at a time is five trips through libuv's thread
 * pool per file (open, stat, read, close, lstat), each waiting for the last.
 */
export async function loadTemplates(dir: string): Promise<TemplateFile[]> {
  let top;
  try {
    top = lstatSync(dir);
  } catch {
    throw new UserError(`Templates folder ${dir} does not exist.`, 'Pass --template a folder laid out like the generated project.');
  }
  if (!top.isDirectory()) throw new UserError(`Templates folder ${dir} is not a folder.`);

  // Loaded here, not with the module: --help and --version need no Handlebars,
  // and the compiler only for a template the build did not compile.
  const { loadPrecompiled, precompiledRender } = await import('./precompiled.js');
  const precompiled = await loadPrecompiled();
  // Templates the build did not compile (edited since, or from --template).
  const stale: TemplateFile[] = [];
  const files: TemplateFile[] = [];
  function walk(rel: string): void {
    const entries = readdirSync(join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        throw new UserError(`Template ${path} is a symbolic link, which templates may not contain.`, 'Replace it with a real file.');
      }
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const full = join(dir, path);
        const contents = readFileSync(full);
        const stat = lstatSync(full);
        const file: TemplateFile = { path, contents, mode: stat.mode & 0o777 };
        if (path.endsWith('.hbs')) {
          file.render = precompiledRender(precompiled, path, contents);
          if (!file.render) stale.push(file);
        }
        files.push(file);
      }
    }
  }
  walk('');
  if (stale.length > 0) {
    const { compileTemplate } = await import('./handlebars.js');
    for (const file of stale) file.render = compileTemplate(file.contents.toString('utf8'));
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
