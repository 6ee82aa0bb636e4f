import * as path from 'path';
import { CheckResult, InputProblem, LocatedFinding } from './check-source';
import { ALL_RULES } from './registry';
import { IJobRule, RuleSeverity } from './rule';

const SARIF_LEVEL: Record<RuleSeverity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** One finding, eslint/tsc style: `file:line:col  severity  RULE  message`, then the fix. */
export function formatTextFinding(f: LocatedFinding): string {
  return `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.ruleId}  ${f.message}\n    fix: ${f.fix}\n`;
}

/** The text output's last lines: unparseable inputs, then a summary. */
export function formatTextSummary(result: CheckResult): string {
  const lines = result.problems.map(p => `${p.file}:${p.line}:${p.column}  error  parse  ${p.message}`);
  const errors = result.counts.error + result.problems.length;
  lines.push(`${result.jobs} job(s) in ${result.documents} document(s): ${errors} error(s), ${result.counts.warning} warning(s), ${result.counts.info} info`);
  return lines.join('\n') + '\n';
}

/**
 * A finding as one JSON object: {ruleId, category, severity, message, file, line, column, path, jobName, fix}.
 * Written field by field: the CLI writes one per finding, and that is most of its output time.
 */
export function formatJsonFinding(f: LocatedFinding): string {
  const q = JSON.stringify;
  return `{"ruleId":${quoted(f.ruleId)},"category":${quoted(f.category)},"severity":${quoted(f.severity)},"message":${q(f.message)},`
    + `"file":${quoted(f.file)},"line":${f.line},"column":${f.column},"path":${q(f.path)},"jobName":${q(f.jobName ?? null)},"fix":${quoted(f.fix)}}`;
}

/** Rule ids, categories, severities, fixes and file names repeat across findings: escape each once. */
const QUOTED = new Map<string, string>();
function quoted(text: string): string {
  let json = QUOTED.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (QUOTED.size < 10000) QUOTED.set(text, json);
  }
  return json;
}

/**
 * An input the checker could not read or parse, as a JSON entry beside the findings (ruleId `INPUT`): a CI that reads
 * the JSON sees why the run failed, not only exit status 2.
 */
export function formatJsonProblem(p: InputProblem): string {
  const q = JSON.stringify;
  return `{"ruleId":"INPUT","category":"input","severity":"error","message":${q(p.message)},"file":${q(p.file)},"line":${p.line},`
    + `"column":${p.column},"path":"","jobName":null,"fix":"Make the file readable UTF-8 YAML or JSON; the message says where it is not."}`;
}

/** A path a directory held that was not read (ruleId `SKIPPED`, severity info). */
export function formatJsonSkipped(s: { file: string; reason: string }): string {
  const q = JSON.stringify;
  return `{"ruleId":"SKIPPED","category":"input","severity":"info","message":${q(`skipped: ${s.reason}`)},"file":${q(s.file)},"line":1,`
    + '"column":1,"path":"","jobName":null,"fix":"Nothing to do if the file holds no Kubernetes objects; pass it by name otherwise."}';
}

/** The standard input's name in the check's results (text and JSON say it as it is). */
export const STDIN = '<stdin>';

/**
 * A SARIF artifactLocation: `uri` must be a URI reference (RFC 3986), so each path segment is percent-encoded (a
 * space, `#`, `%`, `?`) and an absolute path becomes a file: URI; the standard input has no URI, only a description.
 */
export function artifactLocation(file: string): { uri?: string; description?: { text: string } } {
  if (file === STDIN) return { description: { text: 'standard input' } };
  const encoded = file.split(/[\\/]/).map(segment => encodeURIComponent(segment)).join('/');
  return { uri: path.isAbsolute(file) ? `file://${encoded}` : encoded };
}

/** SARIF 2.1.0, for code scanning. Inputs that cannot be parsed become tool execution notifications. */
export function formatSarif(result: CheckResult, version: string, rules: readonly IJobRule[] = ALL_RULES): string {
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const location = (file: string, line: number, column: number) => ({
    physicalLocation: { artifactLocation: artifactLocation(file), region: { startLine: line, startColumn: column } },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-jobs',
          version,
          informationUri: 'https://example.invalid/cdk8s-jobs',
          rules: rules.map(rule => ({
            id: rule.id,
            name: rule.name,
            shortDescription: { text: rule.summary },
            fullDescription: { text: rule.explanation },
            help: { text: rule.fix },
            defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            properties: { category: rule.category, source: rule.source },
          })),
        },
      },
      invocations: [{
        executionSuccessful: result.problems.length === 0,
        toolExecutionNotifications: [
          ...result.problems.map(p => ({
            level: 'error',
            message: { text: p.message },
            locations: [location(p.file, p.line, p.column)],
          })),
          ...result.skipped.map(s => ({
            level: 'note',
            message: { text: `skipped: ${s.reason}` },
            locations: [location(s.file, 1, 1)],
          })),
        ],
      }],
      results: result.findings.map(f => ({
        ruleId: f.ruleId,
        ...ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {},
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [location(f.file, f.line, f.column)],
        properties: { category: f.category, path: f.path, jobName: f.jobName },
      })),
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
