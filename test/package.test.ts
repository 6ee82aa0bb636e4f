import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

/**
 * The npm package holds what users run and nothing else: the compiled library, the CLI, the jsii assembly, the docs,
 * and of the bundled js-yaml its CommonJS build (scripts/pack-aside.js moves the rest aside while npm packs).
 */
const ROOT = path.join(__dirname, '..');
jest.setTimeout(120_000);

test('npm pack: only what users run', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files: string[] = pack.files.map((f: any) => f.path);
  for (const needed of ['lib/index.js', 'lib/index.d.ts', 'lib/cli.js', 'lib/preview/job-preview.js', 'lib/checks/schema/job-schema.json', 'bin/cdk8s-jobs',
    '.jsii', 'README.md', 'LICENSE', 'API.md', 'docs/RULES.md', 'node_modules/js-yaml/dist/js-yaml.cjs.js', 'node_modules/yaml/dist/index.js',
    'node_modules/diff/libcjs/index.js']) {
    expect(files).toContain(needed);
  }
  const stray = files.filter(f => /^(src|test|conformance|bench|scripts|examples|bindings|\.ci|\.projen|coverage)\//.test(f)
    || /^node_modules\/js-yaml\/dist\/(browser\/|.*\.map$|.*\.mjs$)/.test(f) || /^node_modules\/(yaml\/browser|diff\/(libesm|dist))\//.test(f));
  expect(stray).toEqual([]);
  // a few megabytes, not the hundreds a stray build directory would add
  expect(pack.unpackedSize).toBeLessThan(5_000_000);
  // and the files set aside are back for development
  expect(existsSync(path.join(ROOT, 'node_modules/js-yaml/dist/js-yaml.mjs'))).toBe(true);
  expect(existsSync(path.join(ROOT, 'node_modules/yaml/browser'))).toBe(true);
  expect(existsSync(path.join(ROOT, 'node_modules/.cdk8s-jobs-pack-aside'))).toBe(false);
});
