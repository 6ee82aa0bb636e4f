import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * KEDA's published types (@kubernetes-models/keda, generated from kedacore/keda's CRDs) as a judge of what the
 * constructs render: each object is validated at run time against the CRD schema, and type-checked as an object
 * literal of the published interface, which also refuses any field the interface does not have.
 */
const ROOT = path.join(__dirname, '..');
const MODELS: Record<string, string> = {
  ScaledJob: '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledJob',
  TriggerAuthentication: '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
};

/** The schema errors of each KEDA object (the package is ES modules only, so a Node process of its own reads it). */
export function schemaErrors(objects: any[]): string[] {
  const keda = objects.filter(o => MODELS[o.kind] !== undefined && String(o.apiVersion).startsWith('keda.sh/'));
  const script = [
    ...Object.entries(MODELS).map(([kind, module]) => `import { ${kind} } from '${module}';`),
    `const models = { ${Object.keys(MODELS).join(', ')} };`,
    'const objects = JSON.parse(process.argv[1]);',
    'const errors = [];',
    'for (const o of objects) { try { new models[o.kind](o).validate(); } catch (e) { errors.push(`${o.kind} ${o.metadata?.name}: ${e.message}`); } }',
    'process.stdout.write(JSON.stringify(errors));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(keda)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out);
}

/** The TypeScript errors of each KEDA object written as a literal of its published interface (excess fields included). */
export function typeErrors(objects: any[]): string[] {
  const keda = objects.filter(o => MODELS[o.kind] !== undefined && String(o.apiVersion).startsWith('keda.sh/'));
  mkdirSync(path.join(ROOT, 'test-reports'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, 'test-reports', 'keda-types-'));
  try {
    const file = path.join(dir, 'objects.ts');
    writeFileSync(file, [
      ...Object.entries(MODELS).map(([kind, module]) => `import type { I${kind} } from '${module}';`),
      ...keda.map((o, i) => `export const object${i}: I${o.kind} = ${JSON.stringify(o, null, 2)};`),
    ].join('\n'));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
    });
    return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
