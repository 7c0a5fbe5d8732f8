import { fail } from './log.js';

/** One nginx directive: `name args...;` or `name args... { children }`. */
export interface Directive {
  name: string;
  args: string[];
  children?: Directive[];
}

// Words, quoted strings (kept with their quotes), braces and semicolons;
// comments are dropped. Enough of nginx's grammar for deploy/nginx/nginx.conf.
const token = /\s+|#[^\n]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[{};]|[^\s{};"'#][^\s{};]*/gy;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  token.lastIndex = 0;
  while (token.lastIndex < text.length) {
    const at = token.lastIndex;
    const match = token.exec(text);
    if (!match) fail(`deploy/nginx/nginx.conf: cannot read the text at offset ${at}`);
    const t = match[0];
    if (!/^\s/.test(t) && !t.startsWith('#')) tokens.push(t);
  }
  return tokens;
}

export function parseNginxConfig(text: string): Directive[] {
  const tokens = tokenize(text);
  let i = 0;
  function block(nested: boolean): Directive[] {
    const out: Directive[] = [];
    while (i < tokens.length) {
      if (tokens[i] === '}') {
        if (!nested) fail('deploy/nginx/nginx.conf: unexpected "}"');
        i++;
        return out;
      }
      const words: string[] = [];
      while (i < tokens.length && !['{', '}', ';'].includes(tokens[i]!)) words.push(tokens[i++]!);
      const end = tokens[i++];
      if (!words.length || end === undefined || end === '}') fail('deploy/nginx/nginx.conf: a directive is not closed by ";" or "{"');
      const [name, ...args] = words as [string, ...string[]];
      out.push(end === '{' ? { name, args, children: block(true) } : { name, args });
    }
    if (nested) fail('deploy/nginx/nginx.conf: a block is not closed by "}"');
    return out;
  }
  return block(false);
}

export function printNginxConfig(directives: Directive[], depth = 0): string {
  const pad = '    '.repeat(depth);
  return directives
    .map((d) => {
      const head = [d.name, ...d.args].join(' ');
      return d.children ? `${pad}${head} {\n${printNginxConfig(d.children, depth + 1)}${pad}}\n` : `${pad}${head};\n`;
    })
    .join('');
}

export const find = (list: Directive[] | undefined, name: string, args?: (args: string[]) => boolean) =>
  (list ?? []).find((d) => d.name === name && (!args || args(d.args)));
