import type { Answers } from '../answers/types.js';
import { dependenciesFor, featureContext } from '../features/index.js';
import { initialSnapshot } from './initialMigration.js';
import { resourceContext } from './resourceContext.js';

/** Every variable a template can use; documented in docs/templates.md. */
export function buildContext(answers: Answers, templateVersion: string) {
  const resources = answers.resources.map(resourceContext);
  return {
    ...answers,
    /** Each resource with its derived names and fields (see resourceContext). */
    resources,
    initialSnapshot: initialSnapshot(resources),
    /** `has.<part>` for every part of every feature, and the features' own variables (replicaList, pmRun, …). */
    ...featureContext(answers),
    templateVersion,
    ...dependenciesFor(answers),
  };
}

export type TemplateContext = ReturnType<typeof buildContext>;
