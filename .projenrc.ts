import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-jobs',
  description: 'Typed, checked, well-defaulted Kubernetes batch Jobs for cdk8s: IndexedJob and a Job semantics checker',
  keywords: ['cdk8s', 'kubernetes', 'job', 'batch', 'indexed-job', 'constructs'],
  author: 'cdk8s-jobs developers',
  authorAddress: 'dev@cdk8s-jobs.invalid',
  repositoryUrl: 'https://example.invalid/cdk8s-jobs.git',
  defaultReleaseBranch: 'main',
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  bundledDeps: ['js-yaml@^5.5.0', 'yaml@^2.9.1', 'diff@^8.0.2'],
  // the jsii languages, named as cdk8s and cdk8s-plus name theirs (a dist and module per language, one Go module)
  publishToPypi: { distName: 'cdk8s-jobs', module: 'cdk8s_jobs' },
  publishToMaven: { javaPackage: 'dev.cdk8sjobs', mavenGroupId: 'dev.cdk8sjobs', mavenArtifactId: 'cdk8s-jobs' },
  publishToGo: { moduleName: 'github.com/cdk8s-jobs/cdk8s-jobs-go' },
  publishToNuget: { dotNetNamespace: 'Cdk8sJobs', packageId: 'Cdk8sJobs' },
  devDeps: ['cdk8s-cli', 'kubernetes-models@4.5.1', 'playwright-core@1.65.1', '@microsoft/jest-sarif@1.0.0-beta.0', 'ajv@^8.20.0', 'ajv-draft-04@^1.0.0', 'ajv-formats@^3.0.1', '@kubernetes-models/keda@2.0.0'],
  // snapshots are checked, never silently rewritten: `npx projen test:update` refreshes them
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: { setupFiles: ['<rootDir>/test/setup.ts'] },
  },
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'build-tools', 'projenrc', 'conformance'] },
  github: false,
  release: false,
  depsUpgrade: false,
  vscode: false,
  gitignore: ['conformance/.bin/', 'conformance/schemagen/out/', 'examples/*/dist/', 'bench/*.tmp', '.jest-results.json', 'test/*.generated.ts', '.bindings/', '.bindings-m2/'],
});

// the registry here holds every binding of unrs-resolver 1.12.2 but only the linux ones of 1.13,
// which leaves the lockfile out of sync for `npm ci`
project.package.addPackageResolutions('unrs-resolver@1.12.2');
project.addBins({ 'cdk8s-jobs': 'bin/cdk8s-jobs' });
// examples are cdk8s apps for users to read and for `npm run synth`, not part of the package
project.addPackageIgnore('/examples/');
// the package holds only what users run: the compiled library, the CLI, the jsii assembly and the docs (an allowlist,
// so nothing the repository grows, such as conformance/.bin, can slip in)
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', 'lib/**/*.json', 'bin/', '.jsii', 'API.md', 'docs/RULES.md']);
// and of the bundled js-yaml only its CommonJS build (scripts/pack-aside.js)
project.package.setScript('prepack', 'node scripts/pack-aside.js out');
project.package.setScript('postpack', 'node scripts/pack-aside.js back');

// `npm test` also compiles with jsii (which enforces the jsii rules on the public API) and regenerates API.md,
// so a stale API.md shows up as a diff in CI
project.testTask.prependSpawn(project.postCompileTask);
// the browser test's Chromium (Debian's package)
project.testTask.prependExec('bash scripts/install-chromium.sh');
project.testTask.prependSpawn(project.compileTask);

project.addTask('rules:doc', {
  description: 'Regenerates docs/RULES.md from the rule registry',
  exec: 'ts-node --transpile-only -e "process.stdout.write(require(\'./src/checks/rules-doc\').rulesMarkdown())" > docs/RULES.md',
});
project.addTask('schema', {
  description: 'Regenerates src/checks/schema/job-schema.json from k8s.io/api at every line and k8s.io/kubernetes feature gates (Go module proxy)',
  steps: [
    { exec: 'bash conformance/schemagen/generate.sh' },
    { exec: 'ts-node --transpile-only scripts/generate-job-schema.ts' },
  ],
});

project.addTask('bindings', {
  description: 'Builds the Python, Java and Go packages and runs the indexed-demo example in each; its YAML must equal the TypeScript example\'s',
  exec: 'bash scripts/bindings.sh',
});

project.addTask('bench', {
  description: 'Benchmarks synthesis and checking against their floors; writes bench/results.json',
  steps: [{ spawn: 'compile' }, { exec: 'node bench/run.js' }],
});

project.addTask('conformance', {
  description: 'Differential test of the checker against Kubernetes itself (the Go oracle in conformance/oracle)',
  steps: [
    { exec: 'tsc -p conformance/tsconfig.json' },
    { exec: 'ts-node --transpile-only conformance/run.ts', receiveArgs: true },
  ],
});

project.addTask('synth', {
  description: 'Synthesizes every example app under examples/ into YAML (examples/<name>/dist)',
  exec: 'bash scripts/synth-examples.sh',
});

project.synth();
