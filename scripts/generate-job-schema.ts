/**
 * Writes src/checks/schema/job-schema.json, the field table behind JOB012, JOB013 and JOB014, from Kubernetes
 * itself:
 *   - conformance/schemagen/out/1.NN.json: every field and type reachable from batch/v1 Job and CronJob in
 *     k8s.io/api at each supported line (reflection over its Go types, enums from its `+enum` markers);
 *   - conformance/schemagen/out/gates-1.NN.json: the versioned feature-gate table of k8s.io/kubernetes
 *     pkg/features at each oracle line (`oracle -gates`).
 * The definitions are the union over all lines; `since` names the first line of each field that is not in all of
 * them; `gates` keeps the history of each gate JOB012 reads. `inputs` fingerprints everything the table is made
 * from (generator, module pins, this script), so a test can tell when it is stale without the module proxy.
 *
 *   npx projen schema       (runs conformance/schemagen/generate.sh, then this script)
 */
import { createHash } from 'crypto';
import { readFileSync, readdirSync, writeFileSync } from 'fs';
import * as path from 'path';

type FieldType = string | { enum: string[] } | { array: FieldType } | { map: FieldType } | { ref: string };

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'conformance/schemagen/out');
const OUTPUT = path.join(ROOT, 'src/checks/schema/job-schema.json');
/** The gates whose fields JOB012 knows (src/checks/rules/field-version.ts). */
export const GATES = ['JobBackoffLimitPerIndex', 'JobPodReplacementPolicy', 'JobSuccessPolicy', 'JobManagedBy', 'SidecarContainers',
  'ContainerRestartRules', 'EnvFiles', 'HostnameOverride', 'PodLevelResources', 'PodCertificateRequest'];

const byVersion = (a: string, b: string) => Number(a.split('.')[1]) - Number(b.split('.')[1]);

/** The files the table is made from, in a fixed order. */
export function schemaInputs(): string[] {
  const dir = (d: string) => readdirSync(path.join(ROOT, d)).sort().map(f => path.join(d, f));
  return [
    'scripts/generate-job-schema.ts',
    'conformance/schemagen/main.go',
    ...dir('conformance/schemagen').filter(f => /go\.1\.\d+\.(mod|sum)$/.test(f)),
    'conformance/oracle/gates.go',
    ...dir('conformance/oracle').filter(f => /go(\.1\.\d+)?\.mod$/.test(f)),
  ];
}

export function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of schemaInputs()) hash.update(file).update('\0').update(readFileSync(path.join(ROOT, file))).update('\0');
  return hash.digest('hex');
}

function generate(): string {
  const lines = readdirSync(OUT).map(f => /^(1\.\d+)\.json$/.exec(f)?.[1]).filter((v): v is string => v !== undefined).sort(byVersion);
  const tables = lines.map(line => JSON.parse(readFileSync(path.join(OUT, `${line}.json`), 'utf8')));
  const definitions: Record<string, Record<string, FieldType>> = {};
  const since: Record<string, string> = {};
  const seen: Record<string, string> = {};
  tables.forEach((table, i) => {
    for (const [name, fields] of Object.entries<Record<string, FieldType>>(table.definitions)) {
      definitions[name] ??= {};
      for (const [field, type] of Object.entries(fields)) {
        definitions[name][field] = type; // the newest line's type wins (enums grow)
        seen[`${name}.${field}`] ??= lines[i];
      }
    }
  });
  for (const [key, first] of Object.entries(seen)) if (first !== lines[0]) since[key] = first;

  const gates: Record<string, Array<{ version: string; default: boolean; preRelease: string }>> = {};
  const gateFiles = readdirSync(OUT).filter(f => /^gates-1\.\d+\.json$/.test(f)).sort((a, b) => byVersion(a.slice(6), b.slice(6)));
  for (const file of gateFiles) {
    const dump = JSON.parse(readFileSync(path.join(OUT, file), 'utf8'));
    for (const gate of GATES) {
      for (const stage of dump[gate] ?? []) {
        const stages = gates[gate] ??= [];
        const at = stages.findIndex(s => s.version === stage.version);
        if (at >= 0) stages[at] = stage; else stages.push(stage);
        stages.sort((a, b) => byVersion(a.version, b.version));
      }
    }
  }
  const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const table = {
    inputs: schemaFingerprint(),
    versions: lines,
    roots: tables[tables.length - 1].roots,
    definitions: sorted(Object.fromEntries(Object.entries(definitions).map(([k, v]) => [k, sorted(v)]))),
    since: sorted(since),
    gates: sorted(gates),
  };
  return JSON.stringify(table, null, 1) + '\n';
}

if (require.main === module) {
  writeFileSync(OUTPUT, generate());
  console.log(`wrote ${path.relative(ROOT, OUTPUT)}`);
}
