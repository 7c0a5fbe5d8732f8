import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file shipped in the package (e.g. schemas/…), found by walking up from this module: works from dist/ and src/. */
export function packageFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, relative))) return join(dir, relative);
    const up = dirname(dir);
    if (up === dir) throw new Error(`create-scaled-api is installed without ${relative}`);
    dir = up;
  }
}
