import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { precompileTemplates } from './scripts/precompile-templates.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  // The validate and add commands and the prompts are loaded only when a run needs them.
  splitting: true,
  clean: true,
  sourcemap: false,
  // Comments and whitespace out: Node 20 has no compile cache and parses all
  // of index.js on every run. Names are kept, so a --verbose stack still says
  // where it failed.
  minifyWhitespace: true,
  minifySyntax: true,
  define: { __VERSION__: JSON.stringify(version) },
  // Bundled rather than loaded from node_modules: these are CommonJS on every
  // run's path, and Node's CommonJS loader costs more than their code.
  noExternal: ['commander', 'handlebars', 'pluralize', 'validate-npm-package-name'],
  // Their require() of Node's built-ins, in an ES module.
  banner: { js: "import { createRequire as bannerCreateRequire } from 'node:module'; const require = bannerCreateRequire(import.meta.url);" },
  // Imports keep their node: prefix; Node 20 needs no help resolving it.
  removeNodeProtocol: false,
  async onSuccess() {
    const count = precompileTemplates('templates', 'dist/templates.js');
    console.log(`Precompiled ${count} templates into dist/templates.js`);
  },
});
