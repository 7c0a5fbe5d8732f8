import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { bundleTemplates } from './scripts/bundle-templates.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: false,
  define: { __VERSION__: JSON.stringify(version) },
  // Bundled rather than loaded from node_modules: commander is on every run's
  // start-up path, and Node's CommonJS loader costs more than the code itself.
  noExternal: ['commander'],
  // Bundled CommonJS still calls require() for Node's built-ins.
  banner: { js: "import { createRequire as __csaCreateRequire } from 'node:module'; const require = __csaCreateRequire(import.meta.url);" },
  async onSuccess() {
    const count = await bundleTemplates('templates', 'dist/templates.bundle.js');
    console.log(`Bundled ${count} precompiled templates into dist/templates.bundle.js`);
  },
});
