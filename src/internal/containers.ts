import * as kplus from 'cdk8s-plus-28';

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
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
