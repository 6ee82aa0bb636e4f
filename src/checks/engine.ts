import { KubeVersion } from '../kube-version';
import { JobTarget } from './documents';
import { ALL_RULES } from './registry';
import { Finding, JobRule, RuleCategory, RuleSeverity } from './rule';

/** Annotation prefix that suppresses a rule on one Job: `suppress.cdk8s-jobs.io/JOB202: "<reason>"`. */
export const SUPPRESS_PREFIX = 'suppress.cdk8s-jobs.io/';
const MIN_REASON_LENGTH = 10;
const SEVERITY_RANK: Record<RuleSeverity, number> = { info: 0, warning: 1, error: 2 };

export interface CheckOptions {
  /** @default KubeVersion.DEFAULT */
  readonly kubeVersion?: KubeVersion;
  /** @default ALL_RULES */
  readonly rules?: readonly JobRule[];
  /** Rule ids not to run. @default - none */
  readonly disable?: readonly string[];
  /** Findings below this severity are dropped. @default RuleSeverity.INFO */
  readonly minSeverity?: RuleSeverity;
}

/**
 * Runs the rules over one batch/v1 Job given as plain JSON. A rule that throws becomes a finding
 * on this Job instead of stopping the run. Paths are relative to the Job.
 */
export function checkJob(job: any, options: CheckOptions = {}): Finding[] {
  return checkTarget({ job, pathPrefix: '', name: job?.metadata?.name, annotations: job?.metadata?.annotations ?? {} }, options);
}

/**
 * Runs the rules over a Job found in a document, honouring suppression annotations; paths are relative to the document.
 */
export function checkTarget(target: JobTarget, options: CheckOptions = {}): Finding[] {
  const kubeVersion = options.kubeVersion ?? KubeVersion.DEFAULT;
  const context = { kubeVersion, parentKind: target.parentKind };
  const disabled = new Set(options.disable ?? []);
  const minRank = SEVERITY_RANK[options.minSeverity ?? RuleSeverity.INFO];
  const { suppressed, problems } = readSuppressions(target.annotations);
  const findings: Finding[] = [...problems];
  for (const rule of options.rules ?? ALL_RULES) {
    if (disabled.has(rule.id) || suppressed.has(rule.id)) continue;
    if (rule.minKubeVersion && !kubeVersion.isAtLeast(rule.minKubeVersion)) continue;
    const base = { ruleId: rule.id, ruleName: rule.name, category: rule.category, jobName: target.name };
    try {
      for (const violation of rule.check(target.job, context)) {
        const path = prefixPath(target.pathPrefix, violation.path);
        findings.push({ ...base, severity: rule.severity, fix: rule.fix, path, message: violation.message });
      }
    } catch (error) {
      findings.push({
        ...base,
        severity: RuleSeverity.WARNING,
        path: target.pathPrefix.replace(/\.$/, ''),
        message: `checker fault: rule ${rule.id} (${rule.name}) failed on this Job and was skipped: ${(error as Error).message}`,
        fix: 'Report this as a bug in cdk8s-jobs, with the manifest.',
      });
    }
  }
  return findings.filter(f => SEVERITY_RANK[f.severity] >= minRank).map(f => ({ ...f, jobName: target.name }));
}

function prefixPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '' ? prefix.replace(/\.$/, '') : prefix + path;
}

function readSuppressions(annotations: Record<string, unknown>): { suppressed: Set<string>; problems: Finding[] } {
  const suppressed = new Set<string>();
  const problems: Finding[] = [];
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (!key.startsWith(SUPPRESS_PREFIX)) continue;
    const ruleId = key.slice(SUPPRESS_PREFIX.length);
    const reason = typeof value === 'string' ? value.trim() : '';
    if (reason.length >= MIN_REASON_LENGTH) {
      suppressed.add(ruleId);
      continue;
    }
    problems.push({
      ruleId: 'JOB000',
      ruleName: 'suppression-reason',
      category: RuleCategory.SAFETY,
      severity: RuleSeverity.WARNING,
      path: `metadata.annotations[${key}]`,
      message: `metadata.annotations[${key}] suppresses ${ruleId} without a reason (got ${JSON.stringify(value)}); the suppression is ignored`,
      fix: `Give the reason the rule does not apply, in ${MIN_REASON_LENGTH} characters or more, as the annotation's value.`,
    });
  }
  return { suppressed, problems };
}

/** The findings that stop a synth: errors that the API server or the Job controller would act on. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === RuleSeverity.ERROR
    && (finding.category === RuleCategory.API || finding.category === RuleCategory.SEMANTICS);
}

/** `JOB001 spec.template.spec.restartPolicy is "Always"; ...` */
export function formatFinding(finding: Finding): string {
  return `${finding.ruleId} ${finding.message}`;
}
