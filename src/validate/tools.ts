import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Tools {
  nginx?: string;
  promtool?: string;
}

// nginx lives in /usr/sbin, which a non-root PATH often lacks.
const extraDirs = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

export function findTools(): Tools {
  return { nginx: findTool('nginx'), promtool: findTool('promtool') };
}
