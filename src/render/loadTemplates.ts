import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { TemplateFile } from './types.js';

/**
 * Reads every file of a templates folder. Symlinks are refused: a template
 * must never make the CLI read or write outside the folders it was given.
 */
export async function loadTemplates(dir: string): Promise<TemplateFile[]> {
  let top;
  try {
    top = await lstat(dir);
  } catch {
    throw new UserError(`Templates folder ${dir} does not exist.`, 'Pass --template a folder laid out like the generated project.');
  }
  if (!top.isDirectory()) throw new UserError(`Templates folder ${dir} is not a folder.`);

  // Loaded here, not with the module: --help and --version need no Handlebars,
  // and the compiler only for a template the build did not compile.
  const { loadPrecompiled, precompiledRender } = await import('./precompiled.js');
  const precompiled = await loadPrecompiled();
  let compile: ((source: string) => (context: object) => string) | undefined;
  const files: TemplateFile[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        throw new UserError(`Template ${path} is a symbolic link, which templates may not contain.`, 'Replace it with a real file.');
      }
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const full = join(dir, path);
        const [contents, stat] = await Promise.all([readFile(full), lstat(full)]);
        const file: TemplateFile = { path, contents, mode: stat.mode & 0o777 };
        if (path.endsWith('.hbs')) {
          file.render = precompiledRender(precompiled, path, contents);
          if (!file.render) {
            compile ??= (await import('./handlebars.js')).compileTemplate;
            file.render = compile(contents.toString('utf8'));
          }
        }
        files.push(file);
      }
    }
  }
  await walk('');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
