import { CheckResult, LocatedFinding } from './check-source';
import { ALL_RULES } from './registry';
import { RuleSeverity } from './rule';

const SARIF_LEVEL: Record<RuleSeverity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** eslint/tsc style: `file:line:col  severity  RULE  message`, the fix on the next line, then a summary. */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  for (const problem of result.problems) {
    lines.push(`${problem.file}:${problem.line}:${problem.column}  error  parse  ${problem.message}`);
  }
  for (const f of sortFindings(result.findings)) {
    lines.push(`${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.ruleId}  ${f.message}`);
    lines.push(`    fix: ${f.fix}`);
  }
  const count = (severity: RuleSeverity) => result.findings.filter(f => f.severity === severity).length;
  const errors = count(RuleSeverity.ERROR) + result.problems.length;
  lines.push(`${result.jobs} job(s) in ${result.documents} document(s): ${errors} error(s), ${count(RuleSeverity.WARNING)} warning(s), ${count(RuleSeverity.INFO)} info`);
  return lines.join('\n') + '\n';
}

/** A JSON array of findings: {ruleId, category, severity, message, file, line, column, path, jobName, fix}. */
export function formatJson(result: CheckResult): string {
  return JSON.stringify(sortFindings(result.findings).map(f => ({
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    path: f.path,
    jobName: f.jobName ?? null,
    fix: f.fix,
  })), null, 2) + '\n';
}

/** SARIF 2.1.0, for code scanning. Inputs that cannot be parsed become tool execution notifications. */
export function formatSarif(result: CheckResult, version: string): string {
  const ruleIndex = new Map(ALL_RULES.map((rule, i) => [rule.id, i]));
  const location = (file: string, line: number, column: number) => ({
    physicalLocation: { artifactLocation: { uri: file }, region: { startLine: line, startColumn: column } },
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
          rules: ALL_RULES.map(rule => ({
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
        toolExecutionNotifications: result.problems.map(p => ({
          level: 'error',
          message: { text: p.message },
          locations: [location(p.file, p.line, p.column)],
        })),
      }],
      results: sortFindings(result.findings).map(f => ({
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

/** By file, then position, then rule: stable output for CI diffs. */
function sortFindings(findings: LocatedFinding[]): LocatedFinding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
