import { validate } from 'dockerfile-utils';
import { textOf } from '../project.js';
import type { Finding } from '../types.js';
import { failedWith, type Check } from './types.js';

export const isDockerfile = (path: string) => /(^|\/)(Dockerfile|[^/]+\.Dockerfile|Dockerfile\.[^/]+)$/.test(path);

// Severity 1 is an error, 2 a warning (deprecated or risky instructions): both fail,
// as `dockerfile-utils lint` does.
export const dockerfileCheck: Check = {
  name: 'dockerfile',
  applies: (p) => p.files.some((f) => isDockerfile(f.path)),
  run: async ({ project }) => {
    const findings: Finding[] = [];
    for (const file of project.files.filter((f) => isDockerfile(f.path))) {
      for (const d of validate(textOf(file))) {
        if (d.severity !== 1 && d.severity !== 2) continue;
        findings.push({ file: file.path, line: d.range.start.line + 1, template: project.sources.get(file.path), message: typeof d.message === 'string' ? d.message : d.message.value });
      }
    }
    return failedWith(findings);
  },
};
