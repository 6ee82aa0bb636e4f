import { KubeVersion } from '../kube-version';
import { ALL_RULES } from './registry';
import { Finding, JobRule, RuleCategory, RuleSeverity } from './rule';

export interface CheckOptions {
  /** @default KubeVersion.DEFAULT */
  readonly kubeVersion?: KubeVersion;
  /** @default ALL_RULES */
  readonly rules?: readonly JobRule[];
}

/**
 * Runs the rules over one batch/v1 Job given as plain JSON. A rule that throws becomes a finding
 * on this Job instead of stopping the run.
 */
export function checkJob(job: any, options: CheckOptions = {}): Finding[] {
  const context = { kubeVersion: options.kubeVersion ?? KubeVersion.DEFAULT };
  const findings: Finding[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    try {
      for (const violation of rule.check(job, context)) {
        findings.push({ ...violation, ruleId: rule.id, ruleName: rule.name, category: rule.category, severity: rule.severity, fix: rule.fix });
      }
    } catch (error) {
      findings.push({
        ruleId: rule.id,
        ruleName: rule.name,
        category: rule.category,
        severity: RuleSeverity.WARNING,
        path: '',
        message: `checker fault: rule ${rule.id} (${rule.name}) failed on this Job and was skipped: ${(error as Error).message}`,
        fix: 'Report this as a bug in cdk8s-jobs, with the manifest.',
      });
    }
  }
  return findings;
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
