import { answersFileCheck } from './answersFile.js';
import { composeCheck } from './compose.js';
import { dockerfileCheck } from './dockerfile.js';
import { kubernetesCheck } from './kubernetes.js';
import { metricsCheck } from './metrics.js';
import { nginxCheck } from './nginx.js';
import { otelCollectorCheck } from './otelCollector.js';
import { jsonCheck, yamlCheck } from './parseFiles.js';
import { promtoolConfigCheck, promtoolRulesCheck } from './prometheus.js';
import { buildCheck, smokeCheck, testCheck } from './runtime.js';
import type { Check } from './types.js';
import { typescriptCheck } from './typescript.js';

/** The static checks, in table order; each decides from the files whether it applies. */
export const staticChecks: readonly Check[] = [
  jsonCheck,
  yamlCheck,
  typescriptCheck,
  nginxCheck,
  promtoolConfigCheck,
  promtoolRulesCheck,
  composeCheck,
  otelCollectorCheck,
  kubernetesCheck,
  dockerfileCheck,
  metricsCheck,
  answersFileCheck,
];

export const runtimeChecks: readonly Check[] = [buildCheck, testCheck, smokeCheck];

export function checksFor(options: { runtime: boolean }): readonly Check[] {
  return options.runtime ? [...staticChecks, ...runtimeChecks] : staticChecks;
}
