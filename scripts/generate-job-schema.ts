/**
 * Writes src/checks/schema/job-schema.json: every field (with its type) of every object reachable from
 * batch/v1 Job and CronJob, read from the type declarations of kubernetes-models (generated from the
 * Kubernetes OpenAPI spec). The unknown-fields and field-types rules read it.
 *
 *   npx ts-node scripts/generate-job-schema.ts [--check]
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

type FieldType = string | { enum: string[] } | { array: FieldType } | { map: FieldType } | { ref: string };

const OUTPUT = path.join(__dirname, '../src/checks/schema/job-schema.json');
const MODELS = path.dirname(require.resolve('kubernetes-models/package.json'));
const ROOTS: Record<string, string> = {
  Job: path.join(MODELS, 'batch/v1/Job.d.ts'),
  CronJob: path.join(MODELS, 'batch/v1/CronJob.d.ts'),
};

export function generateJobSchema(): string {
  const program = ts.createProgram(Object.values(ROOTS), { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const definitions: Record<string, Record<string, FieldType>> = {};
  const queue: Array<[string, ts.Type]> = [];

  const nameOf = (type: ts.Type): string => {
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    const file = declaration?.getSourceFile().fileName ?? 'unknown';
    const relative = file.replace(/.*node_modules\/(@kubernetes-models\/)?/, '').replace(/^kubernetes-models\//, '').replace(/\.d\.ts$/, '');
    return relative;
  };

  const describe = (type: ts.Type): FieldType => {
    if (type.isUnion()) {
      const parts = type.types.filter(t => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (parts.every(t => t.isStringLiteral())) return { enum: parts.map(t => (t as ts.StringLiteralType).value).sort() };
      if (parts.every(t => t.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Boolean))) return 'boolean';
      if (parts.length === 1) return describe(parts[0]);
      return 'string|number'; // IntOrString, Quantity
    }
    if (type.flags & ts.TypeFlags.String) return 'string';
    if (type.flags & ts.TypeFlags.Number) return 'number';
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean';
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    if (checker.isArrayType(type)) return { array: describe(checker.getTypeArguments(type as ts.TypeReference)[0]) };
    const index = type.getStringIndexType();
    if (index && type.getProperties().length === 0) return { map: describe(index) };
    if (type.flags & ts.TypeFlags.Object && type.getProperties().length > 0) {
      const name = nameOf(type);
      if (!(name in definitions)) {
        definitions[name] = {};
        queue.push([name, type]);
      }
      return { ref: name };
    }
    return 'any';
  };

  const roots: Record<string, FieldType> = {};
  for (const [kind, file] of Object.entries(ROOTS)) {
    const source = program.getSourceFile(file)!;
    const declaration = source.statements.find(s => ts.isInterfaceDeclaration(s) && s.name.text === `I${kind}`) as ts.InterfaceDeclaration;
    roots[kind] = describe(checker.getTypeAtLocation(declaration));
  }
  while (queue.length > 0) {
    const [name, type] = queue.shift()!;
    for (const property of type.getProperties()) {
      definitions[name][property.name] = describe(checker.getTypeOfSymbol(property));
    }
  }
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map(k => [k, definitions[k]]));
  const version = JSON.parse(readFileSync(path.join(MODELS, 'package.json'), 'utf8')).version;
  return JSON.stringify({ source: `kubernetes-models@${version}`, roots, definitions: sorted }, null, 1) + '\n';
}

if (require.main === module) {
  const generated = generateJobSchema();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUTPUT, 'utf8') !== generated) {
      console.error(`${OUTPUT} is out of date: run npx ts-node scripts/generate-job-schema.ts`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT, generated);
    console.log(`wrote ${OUTPUT}`);
  }
}
