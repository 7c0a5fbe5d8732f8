import Runtime from 'handlebars/runtime.js';
import { registerHelpers } from './helpers.js';

const hbs = Runtime.create();
registerHelpers(hbs);

/** Turns a precompiled template spec back into a render function. */
export function fromSpec(spec: object): (context: object) => string {
  return hbs.template(spec as Parameters<typeof hbs.template>[0]);
}
