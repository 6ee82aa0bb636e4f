import { readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const README = readFileSync(path.join(__dirname, '../README.md'), 'utf8');

/** The diagnostics of a README snippet compiled against this package (imported from src as from 'cdk8s-jobs'). */
function diagnostics(name: string, code: string): string[] {
  const file = path.join(__dirname, `readme-${name}.generated.ts`);
  writeFileSync(file, code.replace("from 'cdk8s-jobs'", "from '../src'"));
  try {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      types: ['node'],
    });
    return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(file, { force: true });
  }
}

test('the README quick start type-checks', () => {
  const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(README)![1];
  expect(quickStart).toContain("from 'cdk8s-jobs'");
  expect(diagnostics('quick-start', quickStart)).toEqual([]);
});

test('the README open-checker example type-checks', () => {
  const example = /### Rules of your own, levels and profiles[\s\S]*?```ts\n([\s\S]*?)```/.exec(README)![1];
  expect(diagnostics('open-checker', `import { App } from 'cdk8s';\nconst app = new App();\n${example}`)).toEqual([]);
});

test('the README convert before/after is what convert prints for the docs example', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { convertManifests } = require('../src/convert/convert');
  const after = /### From YAML to a cdk8s app: `convert`[\s\S]*?```ts\n([\s\S]*?)```/.exec(README)![1];
  const file = 'test/fixtures/kubernetes-docs/indexed-job.yaml';
  const printed: string = convertManifests([{ file, text: readFileSync(path.join(__dirname, '..', file), 'utf8') }]);
  expect(printed).toContain(after);
  const yamlLines = readFileSync(path.join(__dirname, '..', file), 'utf8').split('\n').filter(l => l.trim() !== '' && !l.startsWith('#'));
  expect(README).toContain(`(\`indexed-job.yaml\`, ${yamlLines.length} lines of YAML)`);
  const before = /### From YAML to a cdk8s app: `convert`[\s\S]*?```yaml\n([\s\S]*?)```/.exec(README)![1];
  expect(before.trim().split('\n')).toEqual(yamlLines);
});
