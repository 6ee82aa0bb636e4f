import { simJobSpec } from './job-spec';
import { renderHtml } from './render-html';
import { renderText } from './render-text';
import { PreviewScenario, parseScenario, planOf } from './scenario';
import { Simulation } from './simulator';
import { findJobs } from '../checks/documents';
import { checkTarget } from '../checks/engine';
import { RuleCategory, RuleSeverity } from '../checks/rule';

/** How the Job ends in the preview. */
export enum PreviewOutcome {
  /** The Job has the Complete condition. */
  COMPLETE = 'Complete',
  /** The Job has the Failed condition. */
  FAILED = 'Failed',
  /** Neither, when nothing more happens (a suspended Job, or one managed by another controller). */
  RUNNING = 'Running',
}

/** A Job condition the controller wrote. */
export interface PreviewCondition {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
  /** Seconds from the Job's creation to the condition's last transition. */
  readonly time: number;
}

/** The Job status at the end of the preview. */
export interface PreviewStatus {
  readonly active: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly terminating: number;
  /** In the controller's interval form ("0,2-4"). Empty for a NonIndexed Job. */
  readonly completedIndexes: string;
  /**
   * In the controller's interval form; only with backoffLimitPerIndex.
   * @default - not tracked
   */
  readonly failedIndexes?: string;
}

/** One attempt: a pod, or one container run of a pod under restartPolicy OnFailure. */
export interface PreviewPod {
  /** The pod's name (`<job>-<index>-p<n>`; the API server's random suffix is a sequence number here). Not in the JSON. */
  readonly pod: string;
  /**
   * The completion index.
   * @default - a NonIndexed Job's pods have none
   */
  readonly index?: number;
  /** The 0-based attempt of the index (of the Job when NonIndexed). */
  readonly attempt: number;
  /** Seconds from the Job's creation. */
  readonly start: number;
  /**
   * Seconds from the Job's creation; unset while still running.
   * @default - still running
   */
  readonly end?: number;
  /** Succeeded, Failed, Disrupted (evicted), Deleted (by the controller), Restarted (in place, OnFailure) or Running. */
  readonly result: string;
  /**
   * The first non-zero exit code of the attempt's containers, else 0.
   * @default - none (still running)
   */
  readonly exitCode?: number;
  /** Whether the controller counted the attempt: a success toward completions, a failure against the budgets. */
  readonly counted: boolean;
}

/** What the Job controller does with a Job under a scenario. */
export interface PreviewResult {
  readonly outcome: PreviewOutcome;
  /**
   * The terminal condition's reason (BackoffLimitExceeded, DeadlineExceeded, PodFailurePolicy, FailedIndexes,
   * MaxFailedIndexesExceeded, CompletionsReached, SuccessPolicy), or why the Job is still running.
   * @default - none
   */
  readonly reason?: string;
  /**
   * Seconds from the Job's creation to its terminal condition.
   * @default - the Job has none
   */
  readonly duration?: number;
  readonly conditions: PreviewCondition[];
  readonly status: PreviewStatus;
  readonly pods: PreviewPod[];
  /** The Job's name, and whether it is Indexed. */
  readonly jobName: string;
  readonly indexed: boolean;
  /** The spec values the summary cites. */
  readonly backoffLimit: number;
  /**
   * @default - not set
   */
  readonly backoffLimitPerIndex?: number;
  /** Seconds the preview covers. */
  readonly end: number;
}

/** Options for a preview. */
export interface PreviewOptions {
  /**
   * What the pods do.
   * @default - every pod runs 30 s and succeeds
   */
  readonly scenario?: PreviewScenario;
}

/**
 * What the Job controller (Kubernetes 1.34) will do with a Job: a simulation of pkg/controller/job against a
 * scenario of pod runs, failures, evictions and suspensions, checked against the real controller in
 * `npm run conformance`.
 */
export class JobPreview {
  /** Previews a Job, a CronJob (its jobTemplate) or a KEDA ScaledJob (one of its Jobs) manifest, as plain JSON. */
  public static ofManifest(manifest: any, options: PreviewOptions = {}): JobPreview {
    // the API server would refuse it: there is nothing for the controller to run (the checker's api rules say why)
    const refused = findJobs(manifest).flatMap(target => checkTarget(target))
      .filter(f => f.category === RuleCategory.API && f.severity === RuleSeverity.ERROR);
    if (refused.length > 0) {
      const first = refused[0];
      throw new Error(`the API server refuses this Job, so it never runs: ${first.ruleId} ${first.path}: ${first.message}`
        + `${refused.length > 1 ? ` (and ${refused.length - 1} more; cdk8s-jobs check lists them)` : ''}`);
    }
    const spec = simJobSpec(manifest);
    const simulation = new Simulation(spec, planOf(options.scenario));
    const { controller, runs, end } = simulation.run();
    const status = controller.status;
    const terminal = status.conditions.find(c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const seconds = (ms: number) => ms / 1000;
    // a Job another controller manages (spec.managedBy) is left alone: no reason, no pods
    const reason = terminal?.reason ?? (spec.suspend ? 'Suspended' : undefined);
    const result: PreviewResult = {
      outcome: terminal === undefined ? PreviewOutcome.RUNNING : terminal.type === 'Complete' ? PreviewOutcome.COMPLETE : PreviewOutcome.FAILED,
      reason,
      duration: terminal !== undefined ? seconds(terminal.time) : undefined,
      conditions: status.conditions.map(c => ({ type: c.type, status: c.status, reason: c.reason, message: c.message, time: seconds(c.time) })),
      status: {
        active: status.active,
        succeeded: status.succeeded,
        failed: status.failed,
        terminating: status.terminating ?? 0,
        completedIndexes: status.completedIndexes,
        failedIndexes: status.failedIndexes,
      },
      pods: runs.map(r => ({
        pod: r.pod,
        index: r.index,
        attempt: r.attempt,
        start: seconds(r.start),
        end: r.end !== undefined ? seconds(r.end) : undefined,
        result: r.result,
        exitCode: r.exitCode,
        counted: r.counted,
      })),
      jobName: spec.name,
      indexed: spec.indexed,
      backoffLimit: spec.backoffLimit,
      backoffLimitPerIndex: spec.backoffLimitPerIndex,
      end: seconds(end),
    };
    return new JobPreview(result);
  }

  /** Reads a scenario file (YAML or JSON) as `cdk8s-jobs preview --scenario` does. */
  public static parseScenario(text: string): PreviewScenario {
    return parseScenario(text);
  }

  private constructor(public readonly result: PreviewResult) {}

  /** The JSON of `cdk8s-jobs preview --format json`: every field present, null where unset. */
  public toJson(): any {
    const r = this.result;
    return {
      outcome: r.outcome,
      reason: r.reason ?? null,
      duration: r.duration ?? null,
      conditions: r.conditions.map(c => ({ type: c.type, status: c.status, reason: c.reason, message: c.message, time: c.time })),
      status: { ...r.status, failedIndexes: r.status.failedIndexes ?? null },
      pods: r.pods.map(p => ({
        index: p.index ?? null,
        attempt: p.attempt,
        start: p.start,
        end: p.end ?? null,
        result: p.result,
        exitCode: p.exitCode ?? null,
        counted: p.counted,
      })),
    };
  }

  /** A timeline, one row per index (or pod), and a summary. */
  public toText(): string {
    return renderText(this.result);
  }

  /** One self-contained HTML page with an SVG timeline. */
  public toHtml(): string {
    return renderHtml(this.result);
  }
}
