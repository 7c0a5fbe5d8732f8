import type { Answers } from '../answers/types.js';
import { dependenciesFor, featureContext } from '../features/index.js';
import { initialSnapshot } from './initialMigration.js';
import { ACCOUNTS_RESOURCE, resourceContext } from './resourceContext.js';

/** Every variable a template can use; documented in docs/templates.md. */
export function buildContext(answers: Answers, templateVersion: string) {
  // With auth, the users resource is also the accounts.
  const resources = answers.resources.map((r) => resourceContext(r, { accounts: answers.auth === 'jwt' && r.name === ACCOUNTS_RESOURCE }));
  return {
    ...answers,
    /** Each resource with its derived names and fields (see resourceContext). */
    resources,
    initialSnapshot: initialSnapshot(resources),
    /**
     * The resource that the tests and scripts of the service as a whole
     * (smoke, load test) send their requests to: the first that anyone may
     * read and that has no unique field, so runs can repeat writes without a
     * 409; else the first that anyone may read; else the first.
     */
    sampleResource: resources.find((r) => !r.private && !r.hasUnique) ?? resources.find((r) => !r.private) ?? resources[0],
    /** `has.<part>` for every part of every feature, and the features' own variables (replicaList, pmRun, …). */
    ...featureContext(answers),
    templateVersion,
    ...dependenciesFor(answers),
  };
}

export type TemplateContext = ReturnType<typeof buildContext>;
