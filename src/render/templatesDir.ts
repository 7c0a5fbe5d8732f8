import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The templates shipped in the package. Found by walking up from this
 * module, so it works both from the bundle in dist/ and from src/ in tests.
 */
export function defaultTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return join(dir, 'templates');
    const up = dirname(dir);
    if (up === dir) throw new Error('create-scaled-api is installed without its templates folder');
    dir = up;
  }
}
