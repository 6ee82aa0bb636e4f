import { promises as fs } from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { parseArgs } from 'util';
import { createTwoFilesPatch } from 'diff';
import { CheckResult, LocatedFinding, checkFile, checkStream } from './checks/check-source';
import { ResolvedCheckConfig, loadRuleModule, parseProfile, parseSeverities, resolveCheckConfig } from './checks/config';
import { CheckOptions } from './checks/engine';
import { fixText } from './checks/fix';
import { STDIN, formatJsonFinding, formatJsonProblem, formatJsonSkipped, formatSarif, formatTextFinding, formatTextSummary } from './checks/formatters';
import { ALL_RULES } from './checks/registry';
import { RuleSeverity } from './checks/rule';
import { rulesMarkdown } from './checks/rules-doc';
import type * as Convert from './convert/convert';
import { Deployment, parseDeploymentTool } from './internal/deployment';
import { KubeVersion } from './kube-version';
import { runPreviewCli } from './preview/cli';

/** Where the CLI reads and writes; the real process, or buffers in tests. */
export interface CliIo {
  readonly stdin: Readable;
  write(text: string): void;
  error(text: string): void;
}

const USAGE = `Usage:
  cdk8s-jobs check [options] <file|dir|->...   check Job manifests (Job, CronJob, List) in YAML or JSON
  cdk8s-jobs rules [--format text|json|markdown]   list the rules (markdown: docs/RULES.md)
  cdk8s-jobs preview <file|-> [--scenario S.yaml] [--format text|json|html]
                                                what the Job controller will do with a Job (see: preview --help)
  cdk8s-jobs convert [--exact] <file>...        print a TypeScript cdk8s app that synthesizes the same objects
                                                (--exact: keep the docs' item init container as written
                                                instead of WorkItems)

Options for check:
  --format text|json|sarif   output format (default: text)
  --kube-version 1.34        the Kubernetes version the manifests are for (default: ${KubeVersion.DEFAULT})
  --disable JOB202           do not run a rule (repeatable, or comma-separated)
  --min-severity LEVEL       report only findings of this severity or worse: info, warning, error (default: info)
  --deployment-tool TOOL     what applies the manifests: argocd, flux, helm or one-off; decides whether a TTL is
                             safe (JOB203, JOB207) (default: what the manifests' own annotations and labels show)
  --rules FILE               run your own rules too: a JavaScript module exporting { rules: [...] } (repeatable)
  --profile NAME             a set of levels: recommended, strict, pss-baseline, pss-restricted, gitops
                             (default: recommended)
  --severity RULE=LEVEL      set a rule's level: --severity JOB202=error (repeatable, or comma-separated)
  --fix                      write the mechanical fixes into the files (restartPolicy, completions for an item list,
                             an explicit backoffLimit, a TTL where safe, the PSS restricted securityContext fields),
                             keeping comments, order and quoting; then report what remains
  --dry-run                  with --fix: print the changes as a unified diff, write nothing

Suppress a rule on one Job with an annotation that gives the reason:
  suppress.cdk8s-jobs.io/JOB202: "runs under an external deadline set by the scheduler"

Exit status: 0 no error finding, 1 an error finding, 2 an input could not be read or parsed, or bad usage.
`;

const SEVERITIES = Object.values(RuleSeverity) as string[];
const YAML_FILE = /\.(ya?ml|json)$/i;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'preview') return runPreviewCli(argv.slice(1), io);
  if (argv[0] === 'convert') return runConvert(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'format': { type: 'string', default: 'text' },
        'kube-version': { type: 'string' },
        'disable': { type: 'string', multiple: true, default: [] },
        'min-severity': { type: 'string', default: 'info' },
        'deployment-tool': { type: 'string' },
        'rules': { type: 'string', multiple: true, default: [] },
        'profile': { type: 'string' },
        'severity': { type: 'string', multiple: true, default: [] },
        'fix': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean' },
      },
    });
  } catch (error) {
    io.error(`cdk8s-jobs: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.write(`${packageVersion()}\n`);
    return 0;
  }
  const [command, ...inputs] = positionals;
  if (values.help || command === undefined) {
    (values.help ? io.write : io.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const format = values.format!;
  if (command === 'rules') return listRules(format, io);
  if (command !== 'check') {
    io.error(`cdk8s-jobs: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  const usageError = (message: string) => {
    io.error(`cdk8s-jobs check: ${message}\n`);
    return 2;
  };
  if (!['text', 'json', 'sarif'].includes(format)) return usageError(`--format must be text, json or sarif, got ${JSON.stringify(format)}`);
  if (!SEVERITIES.includes(values['min-severity']!)) return usageError(`--min-severity must be info, warning or error, got ${JSON.stringify(values['min-severity'])}`);
  if (inputs.length === 0) return usageError('give at least one file, directory, or - for standard input');
  let kubeVersion: KubeVersion | undefined;
  try {
    kubeVersion = values['kube-version'] ? KubeVersion.of(values['kube-version']) : undefined;
  } catch (error) {
    return usageError(`--kube-version: ${(error as Error).message}`);
  }
  const disable = values.disable!.flatMap(v => v.split(',')).map(v => v.trim()).filter(v => v !== '');
  let config: ResolvedCheckConfig;
  try {
    const rules = values.rules!.flatMap(file => loadRuleModule(file));
    const profile = values.profile !== undefined ? parseProfile(values.profile) : undefined;
    config = resolveCheckConfig({ rules, profile, severities: parseSeverities(values.severity!), disable });
  } catch (error) {
    return usageError((error as Error).message.replace(/^disable: no rule (.*) \(see/, '--disable: unknown rule $1 (see'));
  }
  let deployment: Deployment | undefined;
  try {
    deployment = values['deployment-tool'] !== undefined ? parseDeploymentTool(values['deployment-tool']) : undefined;
  } catch (error) {
    return usageError(`--deployment-tool: ${(error as Error).message}`);
  }
  if (values['dry-run'] && !values.fix) return usageError('--dry-run goes with --fix');
  if (values.fix && inputs.includes('-')) return usageError('--fix writes files; it cannot fix standard input');
  const options: CheckOptions = {
    kubeVersion,
    rules: config.rules,
    severities: config.severities,
    disable: config.disable,
    minSeverity: values['min-severity'] as RuleSeverity,
    deployment,
  };

  // text and JSON stream each finding as its document is checked; SARIF is one object, so it collects them
  const out = new BufferedWriter(io);
  let first = true;
  const sinks: Record<string, ((finding: LocatedFinding) => void) | undefined> = {
    text: finding => out.write(formatTextFinding(finding)),
    json: finding => {
      out.write(`${first ? '[\n' : ',\n'}  ${formatJsonFinding(finding)}`);
      first = false;
    },
    sarif: undefined,
  };
  const result = new CheckResult(sinks[format]);
  for (const input of inputs) {
    if (input === '-') {
      await checkStream(io.stdin, STDIN, options, result);
      continue;
    }
    let files: string[];
    try {
      files = await expand(input, (file, reason) => {
        io.error(`cdk8s-jobs: skipped ${file}: ${reason}\n`);
        result.skipped.push({ file, reason });
      });
    } catch (error) {
      result.problems.push({ file: input, line: 1, column: 1, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    for (const file of files) {
      try {
        if (values.fix) await fixFile(file, options, values['dry-run']!, io);
        await checkFile(file, options, result);
      } catch (error) {
        result.problems.push({ file, line: 1, column: 1, message: `cannot read: ${(error as Error).message}` });
      }
    }
  }

  if (format === 'json') {
    for (const entry of [...result.problems.map(formatJsonProblem), ...result.skipped.map(formatJsonSkipped)]) {
      out.write(`${first ? '[\n' : ',\n'}  ${entry}`);
      first = false;
    }
    out.write(first ? '[]\n' : '\n]\n');
  } else if (format === 'sarif') {out.write(formatSarif(result, packageVersion(), config.rules));} else {out.write(formatTextSummary(result));}
  out.flush();
  if (result.problems.length > 0) return 2;
  return result.counts.error > 0 ? 1 : 0;
}

/**
 * Writes the mechanical fixes into one file (or, with --dry-run, prints them as a unified diff), and says what it
 * changed and which documents it left alone; the check that follows reports what remains.
 */
async function fixFile(file: string, options: CheckOptions, dryRun: boolean, io: CliIo): Promise<void> {
  const before = await fs.readFile(file, 'utf8');
  const { text, applied, refused } = fixText(before, options);
  for (const r of refused) io.error(`cdk8s-jobs: ${file}: document ${r.document + 1} not fixed: ${r.reason}\n`);
  if (applied.length === 0) return;
  if (dryRun) {
    io.write(createTwoFilesPatch(file, file, before, text, '', '', { context: 3 }));
    return;
  }
  await fs.writeFile(file, text);
  for (const fix of applied) io.error(`cdk8s-jobs: ${file}: fixed ${fix.ruleId} ${fix.path} = ${fix.value}\n`);
}

/** `cdk8s-jobs convert FILES`: the app on standard output. */
async function runConvert(args: string[], io: CliIo): Promise<number> {
  const exact = args.includes('--exact');
  const files = args.filter(a => a !== '--exact');
  const unknown = files.find(f => f.startsWith('-'));
  if (unknown !== undefined) {
    io.error(`cdk8s-jobs convert: unknown option ${unknown}; the one option is --exact\n`);
    return 2;
  }
  if (files.length === 0) {
    io.error('cdk8s-jobs convert: give the YAML or JSON files to convert\n');
    return 2;
  }
  try {
    const inputs = await Promise.all(files.map(async file => ({ file, text: await fs.readFile(file, 'utf8') })));
    // loaded here, not at the top: it brings cdk8s and every construct, which `check` never needs (about 27 MB)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { convertManifests }: typeof Convert = require('./convert/convert');
    io.write(convertManifests(inputs, { exact }));
    return 0;
  } catch (error) {
    io.error(`cdk8s-jobs convert: ${(error as Error).message}\n`);
    return 2;
  }
}

/** Collects small writes into larger ones. */
class BufferedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly io: CliIo) {}

  public write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 64 * 1024) this.flush();
  }

  public flush(): void {
    if (this.parts.length > 0) this.io.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** cdk8s writes these beside the manifests; they are not Kubernetes objects. */
const CDK8S_METADATA = /^construct-metadata\.json$/;

/**
 * A file as itself; a directory as its YAML and JSON files, recursively, in a stable order. Symbolic links are
 * followed as kubectl follows them, a directory reached twice (a link loop) once; every path passed over is
 * handed to `skip` with the reason.
 */
async function expand(input: string, skip: (file: string, reason: string) => void, seen = new Set<string>()): Promise<string[]> {
  const stat = await fs.stat(input);
  if (!stat.isDirectory()) return [input];
  const real = await fs.realpath(input);
  if (seen.has(real)) {
    skip(input, 'a directory already read (a symbolic link loop)');
    return [];
  }
  seen.add(real);
  const entries = (await fs.readdir(input, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const child = path.join(input, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(child);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        skip(child, 'a symbolic link to nothing');
        continue;
      }
    }
    if (isDirectory) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) skip(child, 'a node_modules or hidden directory');
      else files.push(...await expand(child, skip, seen));
    } else if (isFile && CDK8S_METADATA.test(entry.name)) {
      skip(child, 'cdk8s metadata, not a Kubernetes object');
    } else if (isFile && YAML_FILE.test(entry.name)) {
      files.push(child);
    } else {
      skip(child, isFile ? 'not a .yaml, .yml or .json file' : 'not a regular file');
    }
  }
  return files;
}

function listRules(format: string, io: CliIo): number {
  if (format === 'json') {
    io.write(JSON.stringify(ALL_RULES.map(({ check: _check, ...rule }) => ({ ...rule, minKubeVersion: rule.minKubeVersion?.toString() })), null, 2) + '\n');
    return 0;
  }
  if (format === 'markdown') {
    io.write(rulesMarkdown());
    return 0;
  }
  if (format !== 'text') {
    io.error(`cdk8s-jobs rules: --format must be text, json or markdown, got ${JSON.stringify(format)}\n`);
    return 2;
  }
  for (const rule of ALL_RULES) {
    io.write(`${rule.id}  ${rule.severity.padEnd(7)}  ${rule.category.padEnd(9)}  ${rule.name.padEnd(28)}  ${rule.summary}\n`);
  }
  return 0;
}

function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../package.json').version;
}
