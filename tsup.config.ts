import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { bundleTemplates } from './scripts/bundle-templates.js';
import { mergeEntryChunks } from './scripts/merge-entry-chunks.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// See scripts/lazy-child-process.cjs.
const lazyChildProcessInCommander: Plugin = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}commander${sep}`) ? { path: resolve('scripts/lazy-child-process.cjs') } : undefined,
    );
  },
};

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  // Comments and whitespace out (commander's JSDoc is half of index.js): Node 20
  // has no compile cache and parses all of it on every run. Names are kept,
  // so a --verbose stack still says where it failed.
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __VERSION__: JSON.stringify(version) },
  // Bundled rather than loaded from node_modules: both are on every run's
  // path, and Node's CommonJS loader costs more than the code itself.
  noExternal: ['commander', 'validate-npm-package-name'],
  esbuildPlugins: [lazyChildProcessInCommander],
  // Keeps the node: prefix, which the plugin above needs to see.
  removeNodeProtocol: false,
  // Bundled CommonJS still calls require() for Node's built-ins.
  banner: { js: "import { createRequire as __csaCreateRequire } from 'node:module'; const require = __csaCreateRequire(import.meta.url);" },
  async onSuccess() {
    const modules = await mergeEntryChunks('dist');
    console.log(`Regrouped dist/ into ${modules.length} modules: ${modules.join(', ')}`);
    const count = await bundleTemplates('templates', 'dist/templates.json');
    console.log(`Compiled ${count} templates into dist/templates.json`);
  },
});
