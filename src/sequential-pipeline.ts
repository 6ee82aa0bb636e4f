import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { indexEnvVar } from './internal/downward-api';
import { escapeKubeExpansion, shellQuote } from './internal/shell';
import { JobBase, JobOptions } from './job-base';
import { isDnsLabel } from './k8s/names';

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * How a SequentialPipeline runs its steps.
 */
export enum PipelineStrategy {
  /**
   * One pod: every step but the last is an init container, the last is the container. The kubelet runs them in
   * order, each to completion, and stops at the first failure; a retry reruns the pod from the first step.
   */
  SINGLE_POD = 'SinglePod',
  /**
   * One Indexed Job with parallelism 1: index i runs step i, in its own pod, from one image. A failed step is
   * retried (within backoffLimit) before any later step runs, and the pipeline stops when it gives up.
   */
  INDEXED = 'Indexed',
}

/**
 * One step of a pipeline.
 */
export interface PipelineStep {
  /** The step's name: a DNS label, unique in the pipeline (it names the step's container). */
  readonly name: string;

  /** The command the step runs. */
  readonly command: string[];

  /**
   * Arguments to the command.
   *
   * @default - none
   */
  readonly args?: string[];

  /**
   * The step's image (SINGLE_POD). With the INDEXED strategy every step runs in the pipeline's `image`.
   *
   * @default - the pipeline's `image`
   */
  readonly image?: string;

  /**
   * Env vars of the step. With the INDEXED strategy only literal values (`EnvValue.fromValue`) are allowed.
   *
   * @default - none
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };

  /**
   * CPU and memory of the step's container. With the INDEXED strategy the steps share one container, which takes
   * the first step's that sets them.
   *
   * @default - none
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Security context of the step's container (the restricted defaults apply on top). With the INDEXED strategy the
   * steps share one container: every step that sets one must set the same.
   *
   * @default - none
   */
  readonly securityContext?: kplus.ContainerSecurityContextProps;
}

/**
 * Props of a `SequentialPipeline`.
 */
export interface SequentialPipelineProps extends JobOptions {
  /**
   * The steps, in order; more can be added with `addStep`.
   *
   * @default - none; at least one must be added before synth
   */
  readonly steps?: PipelineStep[];

  /**
   * How the steps run.
   *
   * @default PipelineStrategy.SINGLE_POD
   */
  readonly strategy?: PipelineStrategy;

  /**
   * The image for steps that name none; required by the INDEXED strategy, where all steps share it.
   *
   * @default - each step's own image
   */
  readonly image?: string;

  /**
   * Where the shared workspace is mounted in every step.
   *
   * @default '/workspace'
   */
  readonly workspacePath?: string;

  /**
   * The workspace volume. SINGLE_POD defaults to an emptyDir shared by the steps; INDEXED steps run in separate
   * pods, so their workspace must be real storage (a PersistentVolumeClaim) or none.
   *
   * @default - an emptyDir for SINGLE_POD, none for INDEXED
   */
  readonly workspace?: kplus.Volume;
}

/**
 * Ordered steps run one after another; a failed step stops the pipeline. Each step sees its number (from 0)
 * in PIPELINE_STEP and its name in PIPELINE_STEP_NAME.
 *
 * The retry policy is explicit: `backoffLimit` defaults to 0 (no retries). With SINGLE_POD a retry reruns
 * every step from the first; with INDEXED it reruns the failed step.
 */
export class SequentialPipeline extends JobBase {
  /**
   * The INDEXED strategy's script: `case` over the completion index, exporting the step's name and env, then
   * `exec` of its command, every word single-quoted so it reaches the program unchanged.
   * @internal
   */
  public static _dispatchScript(steps: PipelineStep[]): string {
    const branches = steps.map((step, i) => {
      const values: Array<[string, string]> = [['PIPELINE_STEP_NAME', step.name]];
      for (const [name, value] of Object.entries(step.envVariables ?? {})) values.push([name, String(value.value)]);
      const env = values.map(([name, value]) => `export ${name}=${shellQuote(value)}`);
      const argv = [...step.command, ...step.args ?? []].map(shellQuote).join(' ');
      return `${i}) ${[...env, `exec ${argv}`].join('; ')} ;;`;
    });
    return [
      'case "$JOB_COMPLETION_INDEX" in',
      ...branches,
      '*) echo "no step for index $JOB_COMPLETION_INDEX" >&2; exit 1 ;;',
      'esac',
      '',
    ].join('\n');
  }

  /** How the steps run. */
  public readonly strategy: PipelineStrategy;
  private readonly steps: PipelineStep[] = [];
  private readonly pipelineProps: SequentialPipelineProps;
  private readonly workspace?: kplus.Volume;

  constructor(scope: Construct, id: string, props: SequentialPipelineProps = {}) {
    super(scope, id);
    this.pipelineProps = props;
    this.strategy = props.strategy ?? PipelineStrategy.SINGLE_POD;
    const indexed = this.strategy === PipelineStrategy.INDEXED;
    if (indexed && props.image === undefined) {
      throw new Error(`${this.node.path}: the INDEXED strategy runs every step in one image; set image`);
    }
    this.workspace = props.workspace ?? (indexed ? undefined : kplus.Volume.fromEmptyDir(this, 'Workspace', 'workspace'));
    const steps = this.steps;
    this._setup(props, {
      indexed,
      // the steps may still be added: these are read when the Job renders
      get completions() { return indexed ? steps.length : undefined; },
      parallelism: indexed ? 1 : undefined,
      contributions: indexed ? [{ env: [indexEnvVar('PIPELINE_STEP')] }] : [],
      // a failed step is not retried unless asked: steps are rarely safe to run twice
      defaults: { backoffLimit: 0 },
      renderedContainers: () => indexed ? this.dispatchContainer() : this.stepContainers(),
    });
    this.node.addValidation({
      validate: () => this.steps.length === 0 ? ['SequentialPipeline has no steps; give steps or call addStep()'] : [],
    });
    props.steps?.forEach(step => this.addStep(step));
  }

  /**
   * Appends a step.
   */
  public addStep(step: PipelineStep): void {
    const path = this.node.path;
    if (!isDnsLabel(step.name)) {
      throw new Error(`${path}: step name ${JSON.stringify(step.name)} is not a DNS label (lowercase alphanumerics and "-", at most 63)`);
    }
    if (this.steps.some(s => s.name === step.name)) {
      throw new Error(`${path}: step name ${JSON.stringify(step.name)} is used twice; step names must be unique`);
    }
    if (step.command.length === 0) {
      throw new Error(`${path}: step ${JSON.stringify(step.name)} has an empty command`);
    }
    if (this.strategy === PipelineStrategy.INDEXED) {
      if (step.image !== undefined && step.image !== this.pipelineProps.image) {
        throw new Error(`${path}: step ${JSON.stringify(step.name)} sets image ${JSON.stringify(step.image)}, but INDEXED steps all run in ${JSON.stringify(this.pipelineProps.image)}`);
      }
      const shared = this.steps.find(s => s.securityContext)?.securityContext;
      if (shared && step.securityContext && JSON.stringify(shared) !== JSON.stringify(step.securityContext)) {
        throw new Error(`${path}: step ${JSON.stringify(step.name)} sets securityContext ${JSON.stringify(step.securityContext)}, but INDEXED steps `
          + `share one container, whose securityContext is ${JSON.stringify(shared)} (from an earlier step)`);
      }
      for (const [name, value] of Object.entries(step.envVariables ?? {})) {
        if (value.value === undefined || !SHELL_NAME.test(name)) {
          throw new Error(`${path}: step ${JSON.stringify(step.name)} env ${name}: INDEXED steps take only literal env values with shell variable names`);
        }
      }
    } else if ((step.image ?? this.pipelineProps.image) === undefined) {
      throw new Error(`${path}: step ${JSON.stringify(step.name)} has no image and the pipeline sets none`);
    }
    this.steps.push(step);
    this._changed();
  }

  private mounts(): kplus.VolumeMount[] {
    return this.workspace ? [{ path: this.pipelineProps.workspacePath ?? '/workspace', volume: this.workspace }] : [];
  }

  /** SINGLE_POD: every step but the last as an init container, the last as the container. */
  private stepContainers(): { initContainers: kplus.ContainerProps[]; containers: kplus.ContainerProps[] } {
    const containers = this.steps.map((step, i): kplus.ContainerProps => ({
      name: step.name,
      image: step.image ?? this.pipelineProps.image!,
      command: step.command,
      args: step.args,
      resources: step.resources,
      securityContext: step.securityContext,
      volumeMounts: this.mounts(),
      envVariables: {
        PIPELINE_STEP: kplus.EnvValue.fromValue(String(i)),
        PIPELINE_STEP_NAME: kplus.EnvValue.fromValue(step.name),
        ...step.envVariables,
      },
    }));
    return { initContainers: containers.slice(0, -1), containers: containers.slice(-1) };
  }

  /** INDEXED: one container whose script runs the step of its completion index. */
  private dispatchContainer(): { initContainers: kplus.ContainerProps[]; containers: kplus.ContainerProps[] } {
    return {
      initContainers: [],
      containers: [{
        name: 'step',
        image: this.pipelineProps.image!,
        command: ['sh', '-c', escapeKubeExpansion(SequentialPipeline._dispatchScript(this.steps))],
        volumeMounts: this.mounts(),
        resources: this.steps.find(s => s.resources)?.resources,
        securityContext: this.steps.find(s => s.securityContext)?.securityContext,
      }],
    };
  }
}
