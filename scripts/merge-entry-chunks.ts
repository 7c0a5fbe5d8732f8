// Build step (called by tsup.config.ts after esbuild): regroups dist/ so that
// everything dist/index.js loads statically is in dist/index.js itself.
//
// esbuild puts code shared by the entry and a lazily imported module (the
// validate command, the prompts, the --template loaders) in chunks of their
// own, so a plain create loaded eight modules. Rollup knows a lazy module is
// only ever loaded after the entry that imports it, so it leaves shared code
// in the entry and has the lazy module import it from there. One module
// instead of eight made a render 1.5-3.6 ms faster on Node 26 (3.5-8 % of
// it) in create-scaled-api's benchmark.
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { rollup } from 'rollup';

export async function mergeEntryChunks(distDir: string, entry = 'index.js'): Promise<string[]> {
  const bundle = await rollup({
    input: join(distDir, entry),
    // Node's built-ins and packages stay imports, as esbuild left them.
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
    // Lets the entry export what the lazy modules import from it, instead of
    // Rollup moving the shared code into yet another chunk behind a facade.
    preserveEntrySignatures: 'allow-extension',
  });
  const out = `${distDir}.merge`;
  rmSync(out, { recursive: true, force: true });
  try {
    // esbuild's names are already content-hashed.
    await bundle.write({ dir: out, format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js' });
  } finally {
    await bundle.close();
  }
  for (const name of readdirSync(distDir)) if (name.endsWith('.js')) rmSync(join(distDir, name));
  const written = readdirSync(out);
  for (const name of written) renameSync(join(out, name), join(distDir, name));
  rmSync(out, { recursive: true, force: true });
  return written.sort();
}
