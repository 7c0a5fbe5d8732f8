import { LineCounter, parseAllDocuments } from 'yaml';
import { filesMatching, textOf } from '../project.js';
import type { Finding } from '../types.js';
import { failedWith, lineAt, type Check } from './types.js';
import { lintYaml } from './yamlLint.js';

// tsconfig and editor settings are JSONC by design; comments there are not errors.
const jsonc = /(^|\/)(tsconfig[^/]*|jsconfig[^/]*|\.vscode\/[^/]+)\.json$/;

/** Drops // and /* *\/ comments outside strings, keeping every newline so positions stay. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function jsonLine(text: string, message: string): number | undefined {
  const lineCol = /line (\d+) column/.exec(message);
  if (lineCol) return Number(lineCol[1]);
  const position = /position (\d+)/.exec(message);
  return position ? lineAt(text, Number(position[1])) : undefined;
}

export const jsonCheck: Check = {
  name: 'json',
  applies: (p) => p.files.some((f) => f.path.endsWith('.json')),
  run: async ({ project }) => {
    const findings: Finding[] = [];
    for (const file of filesMatching(project, (p) => p.endsWith('.json'))) {
      const raw = textOf(file);
      const text = jsonc.test(file.path) ? stripJsonComments(raw) : raw;
      try {
        JSON.parse(text);
      } catch (error) {
        const message = (error as Error).message;
        findings.push({ file: file.path, line: jsonLine(text, message), template: project.sources.get(file.path), message: `invalid JSON: ${message}` });
      }
    }
    return failedWith(findings);
  },
};

export const isYaml = (path: string) => /\.ya?ml$/.test(path);

export const yamlCheck: Check = {
  name: 'yaml',
  applies: (p) => p.files.some((f) => isYaml(f.path)),
  run: async ({ project }) => {
    const findings: Finding[] = [];
    for (const file of filesMatching(project, isYaml)) {
      const text = textOf(file);
      const lineCounter = new LineCounter();
      const docs = parseAllDocuments(text, { lineCounter, merge: true });
      const list = Array.isArray(docs) ? docs : [docs];
      for (const doc of list) {
        for (const error of doc.errors) {
          findings.push({
            file: file.path,
            line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
            template: project.sources.get(file.path),
            message: `invalid YAML: ${error.message.split('\n')[0]}`,
          });
        }
      }
      for (const problem of lintYaml(text)) {
        findings.push({ file: file.path, line: problem.line, template: project.sources.get(file.path), message: `${problem.message} (${problem.rule})` });
      }
    }
    return failedWith(findings);
  },
};
