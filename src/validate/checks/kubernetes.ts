import { textOf } from '../project.js';
import type { Finding } from '../types.js';
import { isYaml } from './parseFiles.js';
import { failedWith, type Check } from './types.js';
import { lineOfPointer, parseLocated } from './yamlLocate.js';

interface Manifest {
  apiVersion: string;
  kind: string;
}

const isManifest = (value: unknown): value is Manifest =>
  !!value && typeof value === 'object' && typeof (value as Manifest).apiVersion === 'string' && typeof (value as Manifest).kind === 'string';

// Kustomize's own files look like manifests but are not Kubernetes API objects.
const notKubernetesApi = /^kustomize\.config\.k8s\.io\//;

type Model = new (data: unknown) => { validate(): void };

/** kubernetes-models has one module per apiVersion/kind: `apps/v1/Deployment`, `v1/Service`. */
async function modelFor({ apiVersion, kind }: Manifest): Promise<Model | undefined> {
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(apiVersion) || !/^\w+$/.test(kind)) return undefined;
  try {
    const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, Model>;
    return module[kind];
  } catch {
    return undefined;
  }
}

function isK8sCandidate(path: string): boolean {
  return isYaml(path) && !path.startsWith('.github/') && !/(^|\/)(docker-)?compose/.test(path);
}

export const kubernetesCheck: Check = {
  name: 'k8s',
  applies: (p) => p.files.some((f) => isK8sCandidate(f.path) && /(^|\/)(k8s|kubernetes|kustomize)\//.test(f.path)),
  run: async ({ project }) => {
    const findings: Finding[] = [];
    for (const file of project.files.filter((f) => isK8sCandidate(f.path))) {
      for (const located of parseLocated(textOf(file))) {
        if (located.doc.errors.length) continue; // The yaml check reports it.
        const data = located.doc.toJS() as unknown;
        if (!isManifest(data) || notKubernetesApi.test(data.apiVersion)) continue;
        const at = { file: file.path, template: project.sources.get(file.path) };
        const Model = await modelFor(data);
        if (!Model) {
          findings.push({ ...at, line: lineOfPointer(located, '/kind'), message: `no Kubernetes schema for apiVersion ${data.apiVersion}, kind ${data.kind}` });
          continue;
        }
        try {
          new Model(data).validate();
        } catch (error) {
          const errors = (error as { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] }).errors;
          for (const e of errors?.length ? errors : [{ instancePath: '', message: (error as Error).message }]) {
            const extra = e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : '';
            const pointer = e.params && 'additionalProperty' in e.params ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
            findings.push({ ...at, line: lineOfPointer(located, pointer), message: `${data.kind} ${e.instancePath || '(top)'} ${e.message ?? 'is invalid'}${extra}` });
          }
        }
      }
    }
    return failedWith(findings);
  },
};
