import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { JobBase, JobOptions } from './job-base';

/**
 * Props of a `OneShotJob`.
 */
export interface OneShotJobProps extends JobOptions {
  /**
   * Containers of the pod; more can be added with `addContainer`.
   *
   * @default - none; at least one must be added before synth
   */
  readonly containers?: kplus.ContainerProps[];

  /**
   * Init containers of the pod, run in order before the containers.
   *
   * @default - none
   */
  readonly initContainers?: kplus.ContainerProps[];
}

/**
 * A Job that runs one pod to completion (a backup, a report, a test run), with the shared safe defaults:
 * an explicit retry budget, disruptions not counted as failures, a TTL and restricted security contexts.
 */
export class OneShotJob extends JobBase {
  constructor(scope: Construct, id: string, props: OneShotJobProps = {}) {
    super(scope, id);
    this._setup(props, { indexed: false });
    props.containers?.forEach(c => this.addContainer(c));
    props.initContainers?.forEach(c => this.addInitContainer(c));
  }
}
