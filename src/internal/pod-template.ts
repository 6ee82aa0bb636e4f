import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { renderContainer, renderPodSecurityContext, renderResources, withRestrictedSecurity, withoutUndefined } from './containers';
import { Contribution, collect } from './contribution';
import { renderAffinity, renderTolerations, renderTopologySpread } from './scheduling';
import type { JobOptions } from '../job-base';
import { JobRestartPolicy } from '../job-policies';

/** A cdk8s-plus container and the props it was made from (renderContainer renders only what the props set). */
export interface ContainerEntry {
  readonly container: kplus.Container;
  readonly props: kplus.ContainerProps;
}

/** Everything the pod template is made of. */
export interface PodTemplateInput {
  /** The construct, for errors: its path and its class name. */
  readonly scope: IConstruct;
  readonly path: string;
  readonly constructName: string;
  /** The pod-level props the user wrote. */
  readonly props: JobOptions;
  readonly restartPolicy: JobRestartPolicy;
  readonly automountServiceAccountToken?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  /** Fill in the restricted security controls on every container. */
  readonly restrictedContainerSecurity: boolean;
  readonly initContainers: readonly ContainerEntry[];
  readonly containers: readonly ContainerEntry[];
  /** Volumes given as props or added with addVolume (mounted ones are added on their own). */
  readonly volumes: readonly kplus.Volume[];
  readonly contributions: readonly Contribution[];
}

/** The contributions' entries, gathered once per render. */
interface Gathered {
  readonly env: any[];
  readonly mainEnv: any[];
  readonly initContainers: any[];
  readonly volumes: any[];
  readonly mainMounts: any[];
  readonly mounts: any[];
}

/** The pod template (batch/v1 JSON): the user's containers wired with every contribution, and the pod-level fields. */
export function renderPodTemplate(input: PodTemplateInput): any {
  const { props, contributions } = input;
  const gathered: Gathered = {
    env: collect(contributions, 'env'),
    mainEnv: collect(contributions, 'mainEnv'),
    initContainers: collect(contributions, 'initContainers'),
    volumes: collect(contributions, 'volumes'),
    mainMounts: collect(contributions, 'mainMounts'),
    mounts: collect(contributions, 'mounts'),
  };
  const initContainers = renderContainers(input, gathered, input.initContainers, true);
  const containers = checkedContainers(input, renderContainers(input, gathered, input.containers, false));
  // the construct's own helpers (the work-item writer) are not the user's to restart in place
  const helperNames = new Set(gathered.initContainers.map(helper => helper.name));
  checkRestartContainers(input, initContainers?.filter(c => !helperNames.has(c.name)), containers);
  const contributedLabels = Object.assign({}, ...contributions.map(c => c.podLabels ?? {}));
  const labels = Object.keys(contributedLabels).length > 0 ? { ...contributedLabels, ...props.podLabels } : props.podLabels;
  const metadata = withoutUndefined({ labels, annotations: props.podAnnotations });
  const subdomains = contributions.map(c => c.subdomain).filter(s => s !== undefined);
  const spec = withoutUndefined({
    restartPolicy: input.restartPolicy,
    initContainers,
    containers,
    volumes: renderVolumes(input, gathered),
    subdomain: subdomains[subdomains.length - 1],
    serviceAccountName: props.serviceAccount?.name,
    automountServiceAccountToken: input.automountServiceAccountToken,
    securityContext: renderPodSecurityContext(props.podSecurityContext),
    terminationGracePeriodSeconds: input.terminationGracePeriodSeconds,
    nodeSelector: props.nodeSelector,
    affinity: renderAffinity(props),
    tolerations: renderTolerations(props.tolerations),
    topologySpreadConstraints: renderTopologySpread(props.topologySpread),
    schedulingGates: props.schedulingGates?.map(name => ({ name })),
    priorityClassName: props.priorityClassName,
    imagePullSecrets: renderPullSecrets(props),
    hostAliases: props.hostAliases?.map(alias => ({ ip: alias.ip, hostnames: [...alias.hostnames] })),
    dnsPolicy: props.dnsPolicy,
    dnsConfig: renderDnsConfig(props),
    runtimeClassName: props.runtimeClassName,
    enableServiceLinks: props.enableServiceLinks,
    resources: props.podResources ? renderResources(input.scope, 'podResources', props.podResources) : undefined,
    os: props.os ? { name: props.os } : undefined,
  });
  return withoutUndefined({ metadata: Object.keys(metadata).length > 0 ? metadata : undefined, spec });
}

function checkedContainers(input: PodTemplateInput, containers: any[] | undefined): any[] | undefined {
  checkDeviceContainers(input, containers);
  return containers;
}

/** An in-place restart named for a container the pod does not have would be lost: refused, naming the prop. */
function checkRestartContainers(input: PodTemplateInput, init: any[] | undefined, main: any[] | undefined): void {
  const names = [...init ?? [], ...main ?? []].map(c => c.name);
  (input.props.restartInPlace ?? []).forEach((restart, i) => {
    if (!names.includes(restart.container)) {
      throw new Error(`${input.path}: restartInPlace[${i}].container is ${JSON.stringify(restart.container)}, which is not a container of the pod `
        + `(containers: ${names.map(n => JSON.stringify(n)).join(', ') || 'none'})`);
    }
  });
}

/** An extended resource named for a container the pod does not have would be lost: refused, naming the prop. */
function checkDeviceContainers(input: PodTemplateInput, containers: any[] | undefined): void {
  const names = (containers ?? []).map(c => c.name);
  (input.props.extendedResources ?? []).forEach((device, i) => {
    if (device.container !== undefined && !names.includes(device.container)) {
      throw new Error(`${input.path}: extendedResources[${i}].container is ${JSON.stringify(device.container)}, which is not a container of the pod `
        + `(containers: ${names.map(n => JSON.stringify(n)).join(', ') || 'none'})`);
    }
  });
}

function renderContainers(input: PodTemplateInput, gathered: Gathered, entries: readonly ContainerEntry[], init: boolean): any[] | undefined {
  const helpers = init ? gathered.initContainers : [];
  const rendered = [
    ...helpers,
    ...entries.map(({ container, props }) => wireContainer(input, gathered, renderContainer(container, props), !init)),
  ].map(c => input.restrictedContainerSecurity ? withRestrictedSecurity(c) : c);
  return rendered.length > 0 ? rendered : undefined;
}

/** Adds the contributions' env and mounts to a user container. */
function wireContainer(input: PodTemplateInput, gathered: Gathered, container: any, main: boolean): any {
  const env: any[] = main ? [...gathered.env, ...gathered.mainEnv] : gathered.env;
  const own: any[] = container.env ?? [];
  const names = new Set<string>();
  for (const entry of env) {
    // two of the construct's own settings (an index env name, a URL env name, work items) chose one name
    if (names.has(entry.name)) {
      throw new Error(`${input.path}: ${input.constructName} would set env ${entry.name} twice; give its env-name props distinct names`);
    }
    names.add(entry.name);
    if (own.some(e => e.name === entry.name)) {
      throw new Error(`${input.path}: container ${JSON.stringify(container.name)} sets env ${entry.name}, which ${input.constructName} sets `
        + `itself (${entry.valueFrom ? 'from the downward API' : JSON.stringify(entry.value)}); remove it or rename it`);
    }
  }
  const mounts: any[] = [...container.volumeMounts ?? [], ...main ? gathered.mainMounts : [], ...gathered.mounts];
  const devices = main ? (input.props.extendedResources ?? []).filter(r => r.container === undefined || r.container === container.name) : [];
  const resources = devices.length === 0 ? container.resources : {
    ...container.resources,
    limits: { ...container.resources?.limits, ...Object.fromEntries(devices.map(d => [d.resource, String(d.count)])) },
  };
  const restarts = (input.props.restartInPlace ?? []).filter(r => r.container === container.name);
  if (restarts.length > 0 && container.restartPolicy === 'Always') {
    throw new Error(`${input.path}: restartInPlace names ${JSON.stringify(container.name)}, a sidecar (restartPolicy Always), which already restarts on any exit`);
  }
  const restartRules = restarts.length === 0 ? {} : {
    // the pod's policy for every other exit; the rules pick the exits that restart in place
    restartPolicy: input.restartPolicy,
    restartPolicyRules: restarts.map(r => ({
      action: 'Restart',
      exitCodes: { operator: r.operator ?? 'In', values: [...new Set(r.exitCodes)].sort((a, b) => a - b) },
    })),
  };
  return withoutUndefined({
    ...container,
    ...restartRules,
    resources,
    env: env.length + own.length > 0 ? [...env, ...own] : undefined,
    volumeMounts: mounts.length > 0 ? mounts : undefined,
  });
}

/** The contributions' volumes, then the user's and those their containers mount; one volume per name. */
function renderVolumes(input: PodTemplateInput, gathered: Gathered): any[] | undefined {
  const byName = new Map<string, any>();
  const add = (volume: any) => {
    const existing = byName.get(volume.name);
    if (existing && JSON.stringify(existing) !== JSON.stringify(volume)) {
      throw new Error(`${input.path}: two different volumes are named ${JSON.stringify(volume.name)}; volume names must be unique in a pod`);
    }
    byName.set(volume.name, volume);
  };
  gathered.volumes.forEach(add);
  const mounted = [...input.initContainers, ...input.containers].flatMap(({ container }) => container.mounts.map(m => m.volume));
  [...input.volumes, ...mounted].forEach(v => add(kplus.k8s.toJson_Volume(v._toKube())));
  return byName.size > 0 ? [...byName.values()] : undefined;
}

/** `dockerRegistryAuth`, then `imagePullSecrets`, each Secret once. */
function renderPullSecrets(props: JobOptions): any[] | undefined {
  const names = [props.dockerRegistryAuth, ...props.imagePullSecrets ?? []].filter(s => s !== undefined).map(s => s.name);
  return names.length > 0 ? [...new Set(names)].map(name => ({ name })) : undefined;
}

function renderDnsConfig(props: JobOptions): any {
  const config = props.dnsConfig;
  if (config === undefined) return undefined;
  return withoutUndefined({ ...config, options: config.options?.map(option => withoutUndefined({ ...option })) });
}
