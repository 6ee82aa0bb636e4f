import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';

/** The quantities of kplus.ContainerResources and the type each must have. */
const RESOURCE_TYPES: Array<[string, string, (v: unknown) => boolean, string]> = [
  ['cpu', 'cpu', v => v instanceof kplus.Cpu, 'kplus.Cpu, such as kplus.Cpu.millis(500) or kplus.Cpu.units(1)'],
  ['memory', 'memory', v => v instanceof Size, 'cdk8s Size, such as Size.mebibytes(512) or Size.gibibytes(1)'],
  ['ephemeralStorage', 'ephemeral-storage', v => v instanceof Size, 'cdk8s Size, such as Size.gibibytes(1)'],
];

/**
 * Makes a cdk8s-plus container, so that a mistake in its props fails with the construct path and the field:
 * cdk8s-plus's own errors ("Port with name http already exists") name neither, and a resource given as a
 * string ("500m") would be dropped without a word.
 */
export function newContainer(scope: IConstruct, field: string, props: kplus.ContainerProps): kplus.Container {
  const at = `${scope.node.path}: ${field} (container ${JSON.stringify(props.name ?? 'main')})`;
  const resources: any = props.resources ?? {};
  for (const [key, label, valid, example] of RESOURCE_TYPES) {
    const quantities = resources[key];
    if (quantities === undefined) continue;
    for (const kind of ['request', 'limit']) {
      const value = quantities?.[kind];
      if (value !== undefined && !valid(value)) {
        throw new Error(`${at}: resources.${key}.${kind} is ${JSON.stringify(value)}; the ${label} ${kind} must be a ${example}`);
      }
    }
  }
  try {
    return new kplus.Container(props);
  } catch (error) {
    throw new Error(`${at}: ${(error as Error).message}`);
  }
}

/**
 * The Pod Security Standards "restricted" controls, set on each container so that every container
 * (init containers included) stands on its own: a pod-level value could be overridden by one container.
 */
const RESTRICTED_CONTAINER_SECURITY = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * Renders a cdk8s-plus container as batch/v1 JSON holding only what was asked for.
 *
 * cdk8s-plus fills in CPU/memory requests and limits, `imagePullPolicy: Always`, a startup probe when a port is set,
 * and its own security context; here each of those appears only when `props` sets it.
 */
export function renderContainer(container: kplus.Container, props: kplus.ContainerProps): any {
  const kube = container._toKube();
  const json = kplus.k8s.toJson_Container({
    ...kube,
    imagePullPolicy: props.imagePullPolicy === undefined ? undefined : kube.imagePullPolicy,
    resources: props.resources === undefined ? undefined : kube.resources,
    startupProbe: props.startup === undefined ? undefined : kube.startupProbe,
    securityContext: undefined,
  })!;
  const security = requestedSecurityContext(props.securityContext);
  if (Object.keys(security).length > 0) {
    json.securityContext = security;
  }
  return json;
}

function requestedSecurityContext(sc: kplus.ContainerSecurityContextProps = {}): Record<string, unknown> {
  return withoutUndefined({
    runAsUser: sc.user,
    runAsGroup: sc.group,
    runAsNonRoot: sc.ensureNonRoot,
    privileged: sc.privileged,
    readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
    allowPrivilegeEscalation: sc.allowPrivilegeEscalation,
    capabilities: sc.capabilities,
    seccompProfile: sc.seccompProfile,
  });
}

/** Fills in the restricted controls a container does not set itself. */
export function withRestrictedSecurity(container: any): any {
  return { ...container, securityContext: { ...RESTRICTED_CONTAINER_SECURITY, ...container.securityContext } };
}

/** The pod securityContext (batch/v1 JSON) holding only the fields `props` sets. */
export function renderPodSecurityContext(props: kplus.PodSecurityContextProps = {}): any {
  const rendered = withoutUndefined({
    runAsUser: props.user,
    runAsGroup: props.group,
    fsGroup: props.fsGroup,
    runAsNonRoot: props.ensureNonRoot,
    fsGroupChangePolicy: props.fsGroupChangePolicy,
    sysctls: props.sysctls && props.sysctls.length > 0 ? props.sysctls : undefined,
  });
  return Object.keys(rendered).length > 0 ? rendered : undefined;
}

export function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue;
    if (key === '__proto__') Object.defineProperty(defined, key, { value: value[key], enumerable: true, writable: true, configurable: true });
    else defined[key] = value[key];
  }
  return defined as Partial<T>;
}

/** Rendered once per resources object: an app usually shares one among many Jobs. */
const renderedResources = new WeakMap<kplus.ContainerResources, any>();

/** CPU and memory as batch/v1 JSON, rendered by cdk8s-plus as a container's are (the same units and checks). */
export function renderResources(scope: IConstruct, field: string, resources: kplus.ContainerResources): any {
  let rendered = renderedResources.get(resources);
  if (rendered === undefined) {
    const props = { name: 'resources', image: 'resources', resources };
    rendered = renderContainer(newContainer(scope, field, props), props).resources;
    renderedResources.set(resources, rendered);
  }
  return rendered;
}
