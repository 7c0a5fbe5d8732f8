// Build step (called by tsup.config.ts): Handlebars' own `precompile` of every
// shipped .hbs template into dist/templates.js, which the CLI renders with the
// Handlebars runtime. Compiling the templates on every run instead made a
// default render about 3.5x create-vite's (bench/results/changes.md, 2026-12-03).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { precompileTemplate } from '../src/render/handlebars.js';
import { sourceHash } from '../src/render/precompiled.js';

export function precompileTemplates(templatesDir: string, outFile: string): number {
  const entries: string[] = [];
  const files = readdirSync(templatesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.hbs'));
  for (const entry of files) {
    const full = join(entry.parentPath, entry.name);
    const path = relative(templatesDir, full).split(sep).join('/');
    const source = readFileSync(full);
    let spec: string;
    try {
      spec = precompileTemplate(source.toString('utf8'));
    } catch (error) {
      throw new Error(`templates/${path}: ${(error as Error).message.split('\n')[0]}`);
    }
    entries.push(`${JSON.stringify(path)}: { hash: ${JSON.stringify(sourceHash(source))}, spec: ${spec} }`);
  }
  writeFileSync(outFile, `export default {\n${entries.join(',\n')}\n};\n`);
  return entries.length;
}
