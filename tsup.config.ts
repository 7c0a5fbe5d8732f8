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
  async onSuccess() {
    const count = await bundleTemplates('templates', 'dist/templates.bundle.js');
    console.log(`Bundled ${count} precompiled templates into dist/templates.bundle.js`);
  },
});
