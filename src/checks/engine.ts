import { SUPPRESS_PREFIX } from '../internal/annotations';
import type { Deployment } from '../internal/deployment';
import { KubeVersion } from '../kube-version';
import { JobTarget } from './documents';
import { beginSharedWalk, endSharedWalk } from './manifest';
import { ALL_RULES } from './registry';
import { Finding, JobRule, RuleCategory, RuleContext, RuleSeverity } from './rule';

const MIN_REASON_LENGTH = 10;
const SEVERITY_RANK: Record<RuleSeverity, number> = { info: 0, warning: 1, error: 2 };

export interface CheckOptions {
  /** @default KubeVersion.DEFAULT */
  readonly kubeVersion?: KubeVersion;
  /** @default ALL_RULES */
  readonly rules?: readonly JobRule[];
  /** Levels configuration set (a profile, per-rule levels), over each rule's own. @default - none */
  readonly severities?: ReadonlyMap<string, RuleSeverity>;
  /** Rule ids not to run. @default - none */
  readonly disable?: readonly string[];
  /** Findings below this severity are dropped. @default RuleSeverity.INFO */
  readonly minSeverity?: RuleSeverity;
  /** What deploys the manifests. @default - unknown: what the manifests show */
  readonly deployment?: Deployment;
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
  beginSharedWalk(target.job);
  try {
    return runRules(target, options);
  } finally {
    endSharedWalk();
  }
}

function runRules(target: JobTarget, options: CheckOptions): Finding[] {
  const kubeVersion = options.kubeVersion ?? KubeVersion.DEFAULT;
  const deployment = options.deployment;
  const context: RuleContext = {
    kubeVersion,
    parentKind: target.parentKind,
    parent: target.parent,
    deploymentTool: deployment !== undefined && deployment !== 'GitOps' ? deployment : undefined,
    gitOps: deployment === 'GitOps',
  };
  const parentPrefix = target.pathPrefix.replace(/spec\.jobTemplate\.$/, '');
  const minRank = SEVERITY_RANK[options.minSeverity ?? RuleSeverity.INFO];
  const { suppressed, problems } = readSuppressions(target.annotations);
  const findings: Finding[] = problems.filter(p => SEVERITY_RANK[p.severity] >= minRank).map(p => ({ ...p, jobName: target.name }));
  for (const rule of activeRules(options)) {
    if (suppressed !== undefined && suppressed.has(rule.id)) continue;
    try {
      for (const violation of rule.check(target.job, context)) {
        const path = violation.onParent || target.mapPath === undefined
          ? prefixPath(violation.onParent ? parentPrefix : target.pathPrefix, violation.path)
          : target.mapPath(violation.path);
        findings.push({
          ruleId: rule.id,
          ruleName: rule.name,
          category: rule.category,
          severity: options.severities?.get(rule.id) ?? rule.severity,
          // a message opens with the field's path relative to the Job: inside a CronJob or a List, say where it is
          message: path !== violation.path && violation.path !== '' && violation.message.startsWith(violation.path)
            ? path + violation.message.slice(violation.path.length)
            : violation.message,
          path,
          jobName: target.name,
          fix: violation.fix ?? rule.fix,
        });
      }
    } catch (error) {
      // the rule could not say what it would have found: an error, so a fault can never pass as a clean run
      findings.push({
        ruleId: rule.id,
        ruleName: rule.name,
        category: rule.category,
        severity: RuleSeverity.ERROR,
        message: `checker fault: rule ${rule.id} (${rule.name}) failed on this Job and was skipped: ${(error as Error).message}`,
        path: target.pathPrefix.replace(/\.$/, ''),
        jobName: target.name,
        fix: /^JOB\d{3}$/.test(rule.id)
          ? 'Report this as a bug in cdk8s-jobs, with the manifest.'
          : `Fix rule ${rule.id}: it threw on this Job (a rule returns its violations; it does not throw).`,
      });
    }
  }
  return findings;
}

/** The rules a run applies, chosen once per options object rather than once per document. */
const ACTIVE_RULES = new WeakMap<CheckOptions, readonly JobRule[]>();
const DEFAULT_OPTIONS: CheckOptions = {};

function activeRules(options: CheckOptions): readonly JobRule[] {
  const key = Object.keys(options).length === 0 ? DEFAULT_OPTIONS : options;
  let rules = ACTIVE_RULES.get(key);
  if (rules === undefined) {
    const kubeVersion = options.kubeVersion ?? KubeVersion.DEFAULT;
    const disabled = new Set(options.disable ?? []);
    const minRank = SEVERITY_RANK[options.minSeverity ?? RuleSeverity.INFO];
    rules = (options.rules ?? ALL_RULES).filter(rule => !disabled.has(rule.id)
      && SEVERITY_RANK[options.severities?.get(rule.id) ?? rule.severity] >= minRank
      && (rule.minKubeVersion === undefined || kubeVersion.isAtLeast(rule.minKubeVersion)));
    ACTIVE_RULES.set(key, rules);
  }
  return rules;
}

function prefixPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '' ? prefix.replace(/\.$/, '') : prefix + path;
}

function readSuppressions(annotations: Record<string, unknown>): { suppressed?: Set<string>; problems: Finding[] } {
  const problems: Finding[] = [];
  let suppressed: Set<string> | undefined;
  for (const key in annotations ?? {}) {
    if (!key.startsWith(SUPPRESS_PREFIX)) continue;
    const value = annotations[key];
    suppressed ??= new Set<string>();
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
  // the fix on its own line, as the CLI prints it
  return `${finding.ruleId} ${finding.message}\n    fix: ${finding.fix}`;
}
