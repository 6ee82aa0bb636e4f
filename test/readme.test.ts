import { readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The README's quick start compiles against this package (imported from src as it would be from 'cdk8s-jobs'). */
test('the README quick start type-checks', () => {
  const readme = readFileSync(path.join(__dirname, '../README.md'), 'utf8');
  const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)![1];
  expect(quickStart).toContain("from 'cdk8s-jobs'");
  const file = path.join(__dirname, 'readme-quick-start.generated.ts');
  writeFileSync(file, quickStart.replace("from 'cdk8s-jobs'", "from '../src'"));
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
    const diagnostics = ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  } finally {
    rmSync(file, { force: true });
  }
});

/** The README's rule of your own compiles as written against the exported rule types. */
test('the README open-checker example type-checks', () => {
  const readme = readFileSync(path.join(__dirname, '../README.md'), 'utf8');
  const example = /### Rules of your own, levels and profiles[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1];
  const file = path.join(__dirname, 'readme-open-checker.generated.ts');
  writeFileSync(file, `import { App } from 'cdk8s';\nconst app = new App();\n${example.replace("from 'cdk8s-jobs'", "from '../src'")}`);
  try {
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, esModuleInterop: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: ['node'],
    });
    expect(ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  } finally {
    rmSync(file, { force: true });
  }
});
