#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ can keep compiled code between runs; a scaffolder is started
// cold every time, so this is most of its start-up cost after node itself.
module.enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Answered before loading the CLI: a version check should cost no more than starting node.
  const { readFileSync } = await import('node:fs');
  console.log(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
} else {
  const { main } = await import('../dist/index.js');
  process.exitCode = await main(process.argv);
}
