import { choice } from './answer.js';
import type { Feature } from './types.js';

export const ciChoices = ['github', 'none'] as const;
export type Ci = (typeof ciChoices)[number];

export const githubCi: Feature = {
  id: 'github-ci',
  answer: choice({
    key: 'ci',
    choices: ciChoices,
    default: 'github',
    flag: 'CI workflow of the generated repo',
    schema: 'CI workflow of the generated repository.',
    // One provider so far, so the prompt is a tick among the extras.
    prompt: { kind: 'extra', label: 'GitHub Actions CI', hint: '.github/workflows/ci.yml', on: true, value: (ticked) => (ticked ? 'github' : 'none'), listed: (ci) => ci !== 'none' && `${ci} ci` },
  }),
  parts: [{ name: 'githubCi', when: (a) => a.ci === 'github', files: ['.github/'] }],
};
