import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { bundleTemplates } from './scripts/bundle-templates.js';
import { mergeEntryChunks } from './scripts/merge-entry-chunks.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  // Comments and whitespace out: Node 20 has no compile cache and parses all
  // of index.js on every run. Names are kept, so a --verbose stack still says
  // where it failed.
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __VERSION__: JSON.stringify(version) },
  // Bundled rather than loaded from node_modules: it is on every run's path,
  // and Node's CommonJS loader costs more than the code itself.
  noExternal: ['validate-npm-package-name'],
  // Imports keep their node: prefix; Node 20 needs no help resolving it.
  removeNodeProtocol: false,
  async onSuccess() {
    const modules = await mergeEntryChunks('dist');
    console.log(`Regrouped dist/ into ${modules.length} modules: ${modules.join(', ')}`);
    const count = await bundleTemplates('templates', 'dist/templates.json');
    console.log(`Compiled ${count} templates into dist/templates.json`);
  },
});
