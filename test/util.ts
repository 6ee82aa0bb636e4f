import { appendFileSync } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as yaml from 'js-yaml';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { schemaErrors } from './keda-models';
import { findJobs } from '../src/checks/documents';
import { checkTarget, isBlocking } from '../src/checks/engine';
import { parseDocument, splitDocuments } from '../src/checks/source';
import { runCli } from '../src/cli';

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Job: Job as any,
  CronJob: CronJob as any,
  Service: Service as any,
  ConfigMap: ConfigMap as any,
};

/**
 * Every manifest of `scope`, after checking each against the kubernetes-models (1.33 OpenAPI) schema as a
 * second opinion and each Job against our own blocking rules.
 */
export function synthValid(scope: Chart | App): any[] {
  const manifests = scope instanceof App ? yaml.loadAll(scope.synthYaml()) as any[] : Testing.synth(scope);
  expectReadBackAsKubectl(manifests);
  recordForConformance(manifests);
  const keda: any[] = [];
  for (const manifest of manifests) {
    if (String(manifest.apiVersion).startsWith('keda.sh/')) {
      keda.push(manifest);
    } else {
      const Model = MODELS[manifest.kind];
      if (!Model) throw new Error(`no schema model for kind ${manifest.kind}`);
      new Model(defaulted(manifest)).validate();
    }
    if (['Job', 'CronJob', 'ScaledJob'].includes(manifest.kind)) {
      expect(findJobs(manifest).flatMap(target => checkTarget(target)).filter(isBlocking)).toEqual([]);
    }
  }
  // KEDA's objects by its published types (a process of their own: the package is ES modules only)
  if (keda.length > 0) expect(schemaErrors(keda)).toEqual([]);
  return manifests;
}

/**
 * The object as the API server validates it after defaulting, where the OpenAPI schema of the models calls a
 * defaulted field required: onPodConditions[].status (Defaults to True; the oracle accepts it unwritten).
 */
function defaulted(manifest: any): any {
  const copy = JSON.parse(JSON.stringify(manifest));
  const spec = manifest.kind === 'CronJob' ? copy.spec?.jobTemplate?.spec : copy.spec;
  for (const rule of spec?.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ??= 'True';
  }
  return copy;
}

export function jobOf(manifests: any[]): any {
  const jobs = manifests.filter(m => m.kind === 'Job');
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

/** A chart in a fresh app, as `Testing.chart()` but with a readable id. */
export function newChart(id = 'test'): Chart {
  return new Chart(Testing.app(), id);
}

/** `npm run conformance` collects what the tests synthesize, for the oracle of that Kubernetes line to judge. */
export function recordForConformance(manifests: any[], line?: string): void {
  const dir = process.env.CDK8S_JOBS_CORPUS_DIR;
  if (!dir) return;
  appendFileSync(path.join(dir, `${process.pid}${line ? `@${line}` : ''}.jsonl`), manifests.map(m => JSON.stringify(m) + '\n').join(''));
}

/**
 * Every manifest of an app synthesized for a newer Kubernetes line (the app's JobSettings say which), read back
 * as kubectl reads it and judged in `npm run conformance` by the oracle built at that line. (The kubernetes-models
 * schema is of 1.33, so it is not asked.)
 */
export function synthValidAt(scope: Chart, line: '1.37'): any[] {
  const manifests = Testing.synth(scope);
  expectReadBackAsKubectl(manifests);
  recordForConformance(manifests, line);
  return manifests;
}

/** What cdk8s writes, read by kubectl's reader (src/checks/kubectl-yaml.ts), is the object that was rendered. */
export function expectReadBackAsKubectl(manifests: any[]): void {
  const text = Yaml.stringify(...manifests);
  const readBack = splitDocuments(text).map(document => JSON.parse(JSON.stringify(parseDocument(document).value)));
  expect(readBack).toEqual(JSON.parse(JSON.stringify(manifests)));
}

/** Runs the command line in-process, with `stdin` as standard input; returns the exit status and what it wrote. */
export async function runCliCaptured(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdin: Readable.from([stdin]), write: t => { out += t; }, error: t => { err += t; } });
  return { code, out, err };
}
