import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../render/types.js';

/** A combination rendered to disk, with a map back to the templates. */
export interface WrittenProject {
  dir: string;
  files: readonly GeneratedFile[];
  /** generated path → template path (e.g. src/resources/items/routes.ts → src/resources/__resource__/routes.ts.hbs) */
  sources: Map<string, string>;
}

export async function writeFiles(dir: string, files: readonly GeneratedFile[]): Promise<WrittenProject> {
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.contents);
    await chmod(path, file.mode);
  }
  const sources = new Map(files.filter((f) => f.source).map((f) => [f.path, f.source!]));
  return { dir, files, sources };
}

export function textOf(file: GeneratedFile): string {
  return typeof file.contents === 'string' ? file.contents : file.contents.toString('utf8');
}

export function filesMatching(project: WrittenProject, test: (path: string) => boolean): GeneratedFile[] {
  return project.files.filter((f) => test(f.path));
}
