import type { Answers } from '../answers/types.js';
import { UserError } from '../errors.js';
import { ANSWERS_FILE, render } from '../render/render.js';
import type { GeneratedFile, TemplateFile } from '../render/types.js';
import { VERSION } from '../version.js';
import { readBase } from './readBase.js';
import { baseRef } from './recordBase.js';
import { renderBaseWithNpx } from './renderBaseWithNpx.js';

/** Where the base came from: the recorded git ref, this CLI (the project is at its version), or npx. */
export type BaseSource = 'git' | 'this-version' | 'npx';

export interface Base {
  source: BaseSource;
  files: GeneratedFile[];
}

/**
 * What the recorded template version rendered for the recorded answers: the
 * commit under {@link baseRef} when the project has one; else, for a project
 * of this very version, this CLI's own render; else the recorded version run
 * through npx. `templates` are this version's. None of them: a UserError (exit 2) saying so.
 */
export async function findBase(projectDir: string, templateVersion: string, answers: Answers, templates: Promise<TemplateFile[]>): Promise<Base> {
  const recorded = await readBase(projectDir);
  if (recorded) return { source: 'git', files: recorded.files };
  if (templateVersion === VERSION) return { source: 'this-version', files: render(answers, await templates, VERSION) };
  const rendered = await renderBaseWithNpx(projectDir, templateVersion, ANSWERS_FILE);
  if (rendered.done) return { source: 'npx', files: rendered.files };
  throw new UserError(
    `Cannot find what create-scaled-api ${templateVersion} made for this project, the base of the merge: there is no ${baseRef} in git, and ${rendered.why}.`,
    `Nothing was changed. Run update where npm can reach the registry, which has every published version.`,
  );
}
