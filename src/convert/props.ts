import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CHART, Code, Declarations, arrayCode, callCode, camelCase, enumCode, literal, objectCode, optionsCode } from './code';
import { isObject } from '../checks/manifest';
import { ownPodsSpread } from '../internal/scheduling';
import { JobRestartPolicy, PodReplacementPolicy } from '../job-policies';
import { KUEUE_MIN_PARALLELISM_ANNOTATION, KUEUE_MULTIKUEUE_CONTROLLER, KUEUE_PRIORITY_CLASS_LABEL, KUEUE_QUEUE_LABEL } from '../kueue';
import { ExitCodeOperator, PodConditionStatus, PodFailurePolicyAction, PodFailurePolicyRule } from '../pod-failure-policy';
import { SpreadConstraintAction } from '../scheduling';
import { WorkQueue } from '../work-queue';

/**
 * The props of a construct, read from the Job YAML it should synthesize. Each mapping writes a prop only when the
 * construct renders it back as written; anything it does not recognize is left out, and the converter's comparison
 * then patches it (so a mapping here can only make the output more readable, never wrong).
 */

type Entries = Array<[string, Code | undefined]>;

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const stringMap = (v: unknown): Code | undefined => (isObject(v) && Object.values(v).every(isString) ? literal(v) : undefined);
const strings = (v: unknown): Code | undefined => (Array.isArray(v) && v.every(isString) ? literal(v) : undefined);
const str = (v: unknown): Code | undefined => (isString(v) ? literal(v) : undefined);
const num = (v: unknown): Code | undefined => (isNumber(v) ? literal(v) : undefined);
const bool = (v: unknown): Code | undefined => (isBoolean(v) ? literal(v) : undefined);
const seconds = (v: unknown): Code | undefined => (isNumber(v) ? callCode('Duration.seconds', n => Duration.seconds(n), [literal(v)]) : undefined);

/** All items mapped, or none: a list prop cannot hold half of a list. */
function all<T>(items: unknown, map: (item: any, i: number) => T | undefined): T[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const mapped = items.map(map);
  return mapped.every(m => m !== undefined) ? mapped as T[] : undefined;
}

/** Where a construct's referenced objects are declared, and under which construct id they are named. */
export interface PropsScope {
  readonly id: string;
  readonly declarations: Declarations;
  /** Write Kueue's labels as plain metadata rather than the kueue prop (which refuses, say, a queued container without requests). */
  readonly kueueAsMetadata?: boolean;
}

/** The metadata prop: name, namespace, labels and annotations (less the keys another prop writes). */
export function metadataCode(metadata: any, omit: ReadonlySet<string> = new Set()): Code {
  const without = (map: unknown) => (isObject(map) ? Object.fromEntries(Object.entries(map).filter(([k]) => !omit.has(k))) : map);
  const nonEmpty = (map: unknown) => (isObject(map) && Object.keys(map).length === 0 ? undefined : map);
  return objectCode([
    ['name', str(metadata?.name)],
    ['namespace', str(metadata?.namespace)],
    ['labels', stringMap(nonEmpty(without(metadata?.labels)))],
    ['annotations', stringMap(nonEmpty(without(metadata?.annotations)))],
  ]);
}

/**
 * The kueue prop, from Kueue's labels and annotation on the Job (a CronJob's: on its jobTemplate) and a MultiKueue
 * managedBy; `keys` are the metadata keys it writes, which the metadata prop then leaves out.
 */
export function kueueCode(jobMetadata: any, spec: any): { code?: Code; keys: Set<string>; managedBy: boolean } {
  const labels = isObject(jobMetadata?.labels) ? jobMetadata.labels : {};
  const annotations = isObject(jobMetadata?.annotations) ? jobMetadata.annotations : {};
  const queueName = labels[KUEUE_QUEUE_LABEL];
  if (!isString(queueName)) return { keys: new Set(), managedBy: false };
  const min = annotations[KUEUE_MIN_PARALLELISM_ANNOTATION];
  const minParallelism = isString(min) && /^[1-9]\d{0,8}$/.test(min) ? Number(min) : undefined;
  const priorityClass = labels[KUEUE_PRIORITY_CLASS_LABEL];
  const multiKueue = spec?.managedBy === KUEUE_MULTIKUEUE_CONTROLLER;
  const code = objectCode([
    ['queueName', literal(queueName)],
    ['priorityClass', str(priorityClass)],
    ['minParallelism', minParallelism === undefined ? undefined : literal(minParallelism)],
    ['multiKueue', multiKueue ? literal(true) : undefined],
  ]);
  const keys = new Set([KUEUE_QUEUE_LABEL, ...isString(priorityClass) ? [KUEUE_PRIORITY_CLASS_LABEL] : [],
    ...minParallelism !== undefined ? [KUEUE_MIN_PARALLELISM_ANNOTATION] : []]);
  return { code, keys, managedBy: multiKueue };
}

/** The props every Job construct takes (JobOptions), from the Job's spec. */
export function jobOptionEntries(spec: any, scope: PropsScope): Entries {
  const template = spec?.template ?? {};
  const pod = template.spec ?? {};
  const volumes = volumeCodes(pod.volumes, scope);
  return [
    ['backoffLimit', num(spec.backoffLimit)],
    ['podFailurePolicy', podFailurePolicyCode(spec.podFailurePolicy)],
    ['podReplacementPolicy', enumCode(PodReplacementPolicy, 'PodReplacementPolicy', spec.podReplacementPolicy)],
    ['restartPolicy', enumCode(JobRestartPolicy, 'JobRestartPolicy', pod.restartPolicy)],
    ['activeDeadline', seconds(spec.activeDeadlineSeconds)],
    ['ttlAfterFinished', seconds(spec.ttlSecondsAfterFinished)],
    ['suspend', bool(spec.suspend)],
    ['managedBy', str(spec.managedBy)],
    ['podLabels', stringMap(template.metadata?.labels)],
    ['podAnnotations', stringMap(template.metadata?.annotations)],
    ['serviceAccount', isString(pod.serviceAccountName) ? importCode(scope, 'service-account', pod.serviceAccountName) : undefined],
    ['automountServiceAccountToken', bool(pod.automountServiceAccountToken)],
    ['podSecurityContext', podSecurityContextCode(pod.securityContext)],
    ['terminationGracePeriod', seconds(pod.terminationGracePeriodSeconds)],
    ['nodeSelector', stringMap(pod.nodeSelector)],
    ['priorityClassName', str(pod.priorityClassName)],
    ['tolerations', tolerationsCode(pod.tolerations)],
    ...affinityEntries(pod.affinity),
    ['topologySpread', topologySpreadCode(pod.topologySpreadConstraints)],
    ['schedulingGates', arrayOf(all(pod.schedulingGates, g => (isString(g?.name) ? literal(g.name) : undefined)))],
    ['imagePullSecrets', arrayOf(all(pod.imagePullSecrets, s => (isString(s?.name) ? importCode(scope, 'secret', s.name) : undefined)))],
    ['hostAliases', arrayOf(all(pod.hostAliases, a => (isString(a?.ip) && strings(a.hostnames) ? literal({ hostnames: a.hostnames, ip: a.ip }) : undefined)))],
    ['dnsPolicy', enumCode(kplus.DnsPolicy, 'kplus.DnsPolicy', pod.dnsPolicy)],
    ['runtimeClassName', str(pod.runtimeClassName)],
    ['enableServiceLinks', bool(pod.enableServiceLinks)],
    ['extendedResources', extendedResourcesCode(pod.containers)],
    ['volumes', volumes && volumes.size > 0 ? arrayCode([...volumes.values()]) : undefined],
  ];
}

/** A resource name with a domain (`nvidia.com/gpu`), not one of the kubernetes.io ones. */
const EXTENDED_RESOURCE = /^(?![^/]*kubernetes\.io\/)[a-z0-9.-]+\/[A-Za-z0-9._-]+$/;

/** Device limits (`nvidia.com/gpu: 1`) of the containers, as extendedResources naming each container. */
function extendedResourcesCode(containers: unknown): Code | undefined {
  if (!Array.isArray(containers)) return undefined;
  const devices = containers.flatMap(c => Object.entries(c?.resources?.limits ?? {})
    .filter(([resource, count]) => EXTENDED_RESOURCE.test(resource) && isString(count) && /^[1-9]\d{0,8}$/.test(count) && isString(c.name))
    .map(([resource, count]) => objectCode([['resource', literal(resource)], ['count', literal(Number(count))], ['container', literal(c.name)]])));
  return arrayOf(devices);
}

/** The containers (or init containers) of a pod as kplus.ContainerProps. */
export function containersCode(containers: unknown, pod: any, scope: PropsScope, omitEnv: ReadonlySet<string> = new Set()): Code | undefined {
  const volumes = volumeCodes(pod?.volumes, scope);
  const mapped = all(containers, c => (isObject(c) ? containerCode(c, volumes, scope, omitEnv) : undefined));
  return mapped && mapped.length > 0 ? arrayCode(mapped) : undefined;
}

/** One container as kplus.ContainerProps (a WorkQueuePool's worker), without the env a queue supplies. */
export function containerProps(container: unknown, pod: any, scope: PropsScope, omitEnv: ReadonlySet<string>): Code | undefined {
  return isObject(container) ? containerCode(container, volumeCodes(pod?.volumes, scope), scope, omitEnv) : undefined;
}

function arrayOf(items: Code[] | undefined): Code | undefined {
  return items && items.length > 0 ? arrayCode(items) : undefined;
}

function podFailurePolicyCode(policy: any): Code | undefined {
  return arrayOf(all(policy?.rules, rule => {
    const action = enumCode(PodFailurePolicyAction, 'PodFailurePolicyAction', rule?.action);
    if (action === undefined) return undefined;
    if (isObject(rule.onExitCodes) && rule.onPodConditions === undefined) {
      const { values, operator, containerName } = rule.onExitCodes;
      if (!Array.isArray(values) || !values.every(isNumber)) return undefined;
      const options = objectCode([
        ['values', literal(values)],
        ['operator', operator === 'In' ? undefined : enumCode(ExitCodeOperator, 'ExitCodeOperator', operator)],
        ['containerName', str(containerName)],
      ]);
      return callCode('PodFailurePolicyRule.onExitCodes', PodFailurePolicyRule.onExitCodes, [action, options]);
    }
    const patterns = all(rule.onPodConditions, p => (isString(p?.type) ? objectCode([
      ['type', literal(p.type)],
      ['status', p.status === undefined ? undefined : enumCode(PodConditionStatus, 'PodConditionStatus', p.status)],
    ]) : undefined));
    if (patterns === undefined || rule.onExitCodes !== undefined) return undefined;
    return callCode('PodFailurePolicyRule.onPodConditions', PodFailurePolicyRule.onPodConditions, [action, arrayCode(patterns)]);
  }));
}

function podSecurityContextCode(sc: any): Code | undefined {
  if (!isObject(sc)) return undefined;
  return objectCode([
    ['user', num(sc.runAsUser)],
    ['group', num(sc.runAsGroup)],
    ['fsGroup', num(sc.fsGroup)],
    ['ensureNonRoot', bool(sc.runAsNonRoot)],
    ['fsGroupChangePolicy', enumCode(kplus.FsGroupChangePolicy, 'kplus.FsGroupChangePolicy', sc.fsGroupChangePolicy)],
    ['sysctls', arrayOf(all(sc.sysctls, s => (isString(s?.name) && isString(s.value) ? literal({ name: s.name, value: s.value }) : undefined)))],
  ]);
}

function tolerationsCode(tolerations: unknown): Code | undefined {
  return arrayOf(all(tolerations, t => {
    if (!isObject(t)) return undefined;
    const options = optionsCode([
      ['effect', t.effect === undefined ? undefined : enumCode(kplus.TaintEffect, 'kplus.TaintEffect', t.effect)],
      ['evictAfter', seconds(t.tolerationSeconds)],
    ]);
    if (t.operator === 'Exists' && t.key === undefined && t.value === undefined) {
      return t.effect === undefined && t.tolerationSeconds === undefined ? callCode('kplus.NodeTaintQuery.any', kplus.NodeTaintQuery.any, []) : undefined;
    }
    if (t.operator === 'Exists' && isString(t.key) && t.value === undefined) {
      return callCode('kplus.NodeTaintQuery.exists', kplus.NodeTaintQuery.exists, [literal(t.key), options]);
    }
    if ((t.operator === undefined || t.operator === 'Equal') && isString(t.key) && isString(t.value)) {
      return callCode('kplus.NodeTaintQuery.is', kplus.NodeTaintQuery.is, [literal(t.key), literal(t.value), options]);
    }
    return undefined;
  }));
}

const NODE_OPERATORS: Record<string, [string, (...args: any[]) => unknown, 'one' | 'values' | 'none']> = {
  In: ['in', kplus.NodeLabelQuery.in, 'values'],
  NotIn: ['notIn', kplus.NodeLabelQuery.notIn, 'values'],
  Exists: ['exists', kplus.NodeLabelQuery.exists, 'none'],
  DoesNotExist: ['doesNotExist', kplus.NodeLabelQuery.doesNotExist, 'none'],
  Gt: ['gt', kplus.NodeLabelQuery.gt, 'values'],
  Lt: ['lt', kplus.NodeLabelQuery.lt, 'values'],
};

/** A node selector term of label expressions as `kplus.Node.labeled(...)` (`is` for In with one value). */
function nodeCode(term: any): Code | undefined {
  if (!isObject(term) || Object.keys(term).some(k => k !== 'matchExpressions')) return undefined;
  const queries = all(term.matchExpressions, e => {
    const operator = isString(e?.operator) ? NODE_OPERATORS[e.operator] : undefined;
    if (operator === undefined || !isString(e.key) || Object.keys(e).some(k => !['key', 'operator', 'values'].includes(k))) return undefined;
    const [name, fn, takes] = operator;
    if (takes === 'none') return e.values === undefined ? callCode(`kplus.NodeLabelQuery.${name}`, fn, [literal(e.key)]) : undefined;
    if (!Array.isArray(e.values) || !e.values.every(isString)) return undefined;
    if (e.operator === 'In' && e.values.length === 1) return callCode('kplus.NodeLabelQuery.is', kplus.NodeLabelQuery.is, [literal(e.key), literal(e.values[0])]);
    return callCode(`kplus.NodeLabelQuery.${name}`, fn, [literal(e.key), literal(e.values)]);
  });
  return queries && queries.length > 0 ? callCode('kplus.Node.labeled', kplus.Node.labeled, queries) : undefined;
}

const LABEL_OPERATORS: Record<string, [string, (...args: any[]) => unknown, boolean]> = {
  In: ['in', kplus.LabelExpression.in, true],
  NotIn: ['notIn', kplus.LabelExpression.notIn, true],
  Exists: ['exists', kplus.LabelExpression.exists, false],
  DoesNotExist: ['doesNotExist', kplus.LabelExpression.doesNotExist, false],
};

/** A label selector as `kplus.LabelSelector.of({ labels, expressions })`. */
function labelSelectorCode(selector: any): Code | undefined {
  if (!isObject(selector) || Object.keys(selector).some(k => k !== 'matchLabels' && k !== 'matchExpressions')) return undefined;
  const expressions = selector.matchExpressions === undefined ? [] : all(selector.matchExpressions, e => {
    const operator = isString(e?.operator) ? LABEL_OPERATORS[e.operator] : undefined;
    if (operator === undefined || !isString(e.key)) return undefined;
    const [name, fn, takesValues] = operator;
    if (!takesValues) return e.values === undefined ? callCode(`kplus.LabelExpression.${name}`, fn, [literal(e.key)]) : undefined;
    return Array.isArray(e.values) && e.values.every(isString) ? callCode(`kplus.LabelExpression.${name}`, fn, [literal(e.key), literal(e.values)]) : undefined;
  });
  if (expressions === undefined || (selector.matchLabels !== undefined && stringMap(selector.matchLabels) === undefined)) return undefined;
  const options = optionsCode([['labels', stringMap(selector.matchLabels)], ['expressions', arrayOf(expressions)]]);
  return callCode('kplus.LabelSelector.of', kplus.LabelSelector.of, [options]);
}

const TOPOLOGIES: Record<string, string> = {
  'kubernetes.io/hostname': 'HOSTNAME',
  'topology.kubernetes.io/zone': 'ZONE',
  'topology.kubernetes.io/region': 'REGION',
};

function topologyCode(key: unknown): Code | undefined {
  if (!isString(key)) return undefined;
  const known = TOPOLOGIES[key];
  return known !== undefined
    ? { code: `kplus.Topology.${known}`, make: () => (kplus.Topology as any)[known] }
    : callCode('kplus.Topology.custom', kplus.Topology.custom, [literal(key)]);
}

/** Pods to run near (or away from): required terms without a weight, preferred ones with theirs. */
function proximityCodes(affinity: any): Code[] | undefined {
  if (!isObject(affinity) || Object.keys(affinity).some(k => !k.endsWith('DuringSchedulingIgnoredDuringExecution'))) return undefined;
  const term = (t: any, weight?: number) => {
    if (!isObject(t) || Object.keys(t).some(k => !['labelSelector', 'topologyKey', 'namespaces'].includes(k))) return undefined;
    const pods = labelSelectorCode(t.labelSelector);
    if (pods === undefined || (t.namespaces !== undefined && strings(t.namespaces) === undefined)) return undefined;
    return objectCode([
      ['pods', pods],
      ['topology', topologyCode(t.topologyKey)],
      ['weight', weight === undefined ? undefined : literal(weight)],
      ['namespaces', strings(t.namespaces)],
    ]);
  };
  const requiredTerms = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  const required = requiredTerms === undefined ? [] : all(requiredTerms, t => term(t));
  const preferred = affinity.preferredDuringSchedulingIgnoredDuringExecution === undefined ? []
    : all(affinity.preferredDuringSchedulingIgnoredDuringExecution, p => (isNumber(p?.weight) ? term(p.podAffinityTerm, p.weight) : undefined));
  return required && preferred ? [...required, ...preferred] : undefined;
}

/** requiredNodes, preferredNodes, colocate and separate from the pod's affinity. */
function affinityEntries(affinity: any): Entries {
  if (!isObject(affinity)) return [];
  const node = affinity.nodeAffinity as any;
  const requiredTerms = node?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const requiredNodes = requiredTerms === undefined ? [] : all(requiredTerms, nodeCode);
  const preferredNodes = node?.preferredDuringSchedulingIgnoredDuringExecution === undefined ? []
    : all(node.preferredDuringSchedulingIgnoredDuringExecution, p => {
      const labeled = isNumber(p?.weight) ? nodeCode(p.preference) : undefined;
      return labeled === undefined ? undefined : objectCode([['node', labeled], ['weight', literal(p.weight)]]);
    });
  return [
    ['requiredNodes', arrayOf(requiredNodes)],
    ['preferredNodes', arrayOf(preferredNodes)],
    ['colocate', affinity.podAffinity === undefined ? undefined : arrayOf(proximityCodes(affinity.podAffinity))],
    ['separate', affinity.podAntiAffinity === undefined ? undefined : arrayOf(proximityCodes(affinity.podAntiAffinity))],
  ];
}

/**
 * Spread constraints; one that counts the Job's own pods (a selector on the controller-uid label, with it as a
 * matchLabelKey) is the construct's default and needs no `pods`.
 */
function topologySpreadCode(constraints: unknown): Code | undefined {
  return arrayOf(all(constraints, c => {
    if (!isObject(c) || !isString(c.topologyKey)) return undefined;
    const own = ownPodsSpread();
    const ownPods = JSON.stringify(c.labelSelector) === JSON.stringify(own.labelSelector)
      && JSON.stringify(c.matchLabelKeys) === JSON.stringify(own.matchLabelKeys);
    const pods = ownPods ? undefined : labelSelectorCode(c.labelSelector);
    if (!ownPods && (pods === undefined || c.matchLabelKeys !== undefined)) return undefined;
    return objectCode([
      ['topology', topologyCode(c.topologyKey)],
      ['maxSkew', isNumber(c.maxSkew) && c.maxSkew !== 1 ? literal(c.maxSkew) : undefined],
      ['whenUnsatisfiable', c.whenUnsatisfiable === undefined || c.whenUnsatisfiable === 'DoNotSchedule' ? undefined
        : enumCode(SpreadConstraintAction, 'SpreadConstraintAction', c.whenUnsatisfiable)],
      ['pods', pods],
      ['minDomains', num(c.minDomains)],
    ]);
  }));
}

/** An object the pod refers to by name (a secret, a service account), imported into the chart once per construct. */
function importCode(scope: PropsScope, kind: 'secret' | 'config-map' | 'claim' | 'service-account', name: string): Code {
  const [callee, fn] = {
    'secret': ['kplus.Secret.fromSecretName', kplus.Secret.fromSecretName],
    'config-map': ['kplus.ConfigMap.fromConfigMapName', kplus.ConfigMap.fromConfigMapName],
    'claim': ['kplus.PersistentVolumeClaim.fromClaimName', kplus.PersistentVolumeClaim.fromClaimName],
    'service-account': ['kplus.ServiceAccount.fromServiceAccountName', kplus.ServiceAccount.fromServiceAccountName],
  }[kind] as [string, (...args: any[]) => unknown];
  // one import per chart; ':' keeps its id apart from the objects' ids, which never hold one
  const id = `${kind}:${name}`;
  return scope.declarations.declare(id, camelCase(`${name}-${kind}`), callCode(callee, fn, [CHART, literal(id), literal(name)]));
}

/** The pod's volumes by name, as declared kplus.Volumes; undefined when one of them has no kplus factory. */
function volumeCodes(volumes: unknown, scope: PropsScope): Map<string, Code> | undefined {
  const codes = new Map<string, Code>();
  if (volumes === undefined) return codes;
  const mapped = all(volumes, v => (isObject(v) && isString(v.name) ? volumeCode(v, scope) : undefined));
  if (mapped === undefined) return undefined;
  (volumes as any[]).forEach((v, i) => codes.set(v.name, mapped[i]));
  return codes;
}

function volumeCode(volume: any, scope: PropsScope): Code | undefined {
  const name = volume.name as string;
  const sources = Object.keys(volume).filter(k => k !== 'name');
  if (sources.length !== 1) return undefined;
  const id = `${scope.id}:volume:${name}`;
  const declare = (callee: string, fn: (...args: any[]) => unknown, args: Code[]) =>
    scope.declarations.declare(id, camelCase(`${name}-volume`), callCode(callee, fn, [CHART, literal(id), ...args]));
  const items = (list: unknown): Code | undefined => {
    if (list === undefined) return undefined;
    const entries = all(list, i => (isString(i?.key) && isString(i.path) && (i.mode === undefined || isNumber(i.mode)) ? i : undefined));
    if (entries === undefined) return undefined;
    return literal(Object.fromEntries(entries.map(i => [i.key, i.mode === undefined ? { path: i.path } : { path: i.path, mode: i.mode }])));
  };
  const { emptyDir, configMap, secret, persistentVolumeClaim } = volume;
  if (isObject(emptyDir)) {
    const sizeLimit = mebibytes(emptyDir.sizeLimit);
    if ((emptyDir.sizeLimit !== undefined && sizeLimit === undefined) || (emptyDir.medium !== undefined && emptyDir.medium !== 'Memory' && emptyDir.medium !== '')) return undefined;
    const options = optionsCode([
      ['medium', emptyDir.medium === undefined ? undefined : enumCode(kplus.EmptyDirMedium, 'kplus.EmptyDirMedium', emptyDir.medium)],
      ['sizeLimit', sizeLimit],
    ]);
    return declare('kplus.Volume.fromEmptyDir', kplus.Volume.fromEmptyDir, [literal(name), options]);
  }
  if (isObject(configMap) && isString(configMap.name)) {
    const options = optionsCode([['name', literal(name)], ['defaultMode', num(configMap.defaultMode)], ['optional', bool(configMap.optional)], ['items', items(configMap.items)]]);
    return declare('kplus.Volume.fromConfigMap', kplus.Volume.fromConfigMap, [importCode(scope, 'config-map', configMap.name), options]);
  }
  if (isObject(secret) && isString(secret.secretName)) {
    const options = optionsCode([['name', literal(name)], ['defaultMode', num(secret.defaultMode)], ['optional', bool(secret.optional)], ['items', items(secret.items)]]);
    return declare('kplus.Volume.fromSecret', kplus.Volume.fromSecret, [importCode(scope, 'secret', secret.secretName), options]);
  }
  if (isObject(persistentVolumeClaim) && isString(persistentVolumeClaim.claimName)) {
    const options = optionsCode([['name', literal(name)], ['readOnly', bool(persistentVolumeClaim.readOnly)]]);
    return declare('kplus.Volume.fromPersistentVolumeClaim', kplus.Volume.fromPersistentVolumeClaim, [importCode(scope, 'claim', persistentVolumeClaim.claimName), options]);
  }
  return undefined;
}

/** `512Mi` as Size.mebibytes(512): cdk8s-plus renders every Size in Mi, so only Mi quantities come back as written. */
function mebibytes(quantity: unknown): Code | undefined {
  const match = isString(quantity) ? /^([1-9]\d{0,9})Mi$/.exec(quantity) : null;
  return match ? callCode('Size.mebibytes', n => Size.mebibytes(n), [literal(Number(match[1]))]) : undefined;
}

/** `500m` as Cpu.millis(500) and `2` as Cpu.units(2), the forms cdk8s-plus writes back as they were. */
function cpu(quantity: unknown): Code | undefined {
  if (isString(quantity) && /^[1-9]\d{0,9}m$/.test(quantity)) return callCode('kplus.Cpu.millis', kplus.Cpu.millis, [literal(Number(quantity.slice(0, -1)))]);
  const units = isNumber(quantity) ? String(quantity) : quantity;
  if (isString(units) && /^(0|[1-9]\d{0,6})(\.\d{1,3})?$/.test(units) && String(Number(units)) === units) {
    return callCode('kplus.Cpu.units', kplus.Cpu.units, [literal(Number(units))]);
  }
  return undefined;
}

function resourcesCode(resources: any): Code | undefined {
  if (!isObject(resources)) return undefined;
  const pair = (key: string, parse: (q: unknown) => Code | undefined): Code | undefined => {
    const request = parse((resources.requests as any)?.[key]);
    const limit = parse((resources.limits as any)?.[key]);
    return request || limit ? objectCode([['request', request], ['limit', limit]]) : undefined;
  };
  const code = objectCode([['cpu', pair('cpu', cpu)], ['memory', pair('memory', mebibytes)], ['ephemeralStorage', pair('ephemeral-storage', mebibytes)]]);
  return code.code === '{}' ? undefined : code;
}

function securityContextCode(sc: any): Code | undefined {
  if (!isObject(sc)) return undefined;
  const capabilities = (list: unknown) => arrayOf(all(list, c => enumCode(kplus.Capability, 'kplus.Capability', c)));
  const caps = sc.capabilities as any;
  const seccomp = sc.seccompProfile as any;
  return objectCode([
    ['user', num(sc.runAsUser)],
    ['group', num(sc.runAsGroup)],
    ['ensureNonRoot', bool(sc.runAsNonRoot)],
    ['privileged', bool(sc.privileged)],
    ['readOnlyRootFilesystem', bool(sc.readOnlyRootFilesystem)],
    ['allowPrivilegeEscalation', bool(sc.allowPrivilegeEscalation)],
    ['capabilities', isObject(caps) ? objectCode([['add', capabilities(caps.add)], ['drop', capabilities(caps.drop)]]) : undefined],
    ['seccompProfile', isObject(seccomp) ? objectCode([
      ['type', enumCode(kplus.SeccompProfileType, 'kplus.SeccompProfileType', seccomp.type)],
      ['localhostProfile', str(seccomp.localhostProfile)],
    ]) : undefined],
  ]);
}

const FIELD_PATH = /^(metadata\.labels|metadata\.annotations)\['([^']+)'\]$/;

export function envValueCode(entry: any, scope: PropsScope): Code | undefined {
  if (isString(entry.value) && entry.valueFrom === undefined) return callCode('kplus.EnvValue.fromValue', kplus.EnvValue.fromValue, [literal(entry.value)]);
  const from = entry.valueFrom;
  if (!isObject(from) || entry.value !== undefined || Object.keys(from).length !== 1) return undefined;
  const optional = (ref: any) => optionsCode([['optional', bool(ref.optional)]]);
  const { fieldRef, secretKeyRef, configMapKeyRef } = from as any;
  if (isObject(fieldRef) && isString(fieldRef.fieldPath)) {
    const keyed = FIELD_PATH.exec(fieldRef.fieldPath);
    const path = enumCode(kplus.EnvFieldPaths, 'kplus.EnvFieldPaths', keyed ? keyed[1] : fieldRef.fieldPath);
    if (path === undefined) return undefined;
    const options = optionsCode([['key', keyed ? literal(keyed[2]) : undefined], ['apiVersion', str(fieldRef.apiVersion)]]);
    return callCode('kplus.EnvValue.fromFieldRef', kplus.EnvValue.fromFieldRef, [path, options]);
  }
  if (isObject(secretKeyRef) && isString(secretKeyRef.name) && isString(secretKeyRef.key)) {
    const value = objectCode([['secret', importCode(scope, 'secret', secretKeyRef.name)], ['key', literal(secretKeyRef.key)]]);
    return callCode('kplus.EnvValue.fromSecretValue', kplus.EnvValue.fromSecretValue, [value, optional(secretKeyRef)]);
  }
  if (isObject(configMapKeyRef) && isString(configMapKeyRef.name) && isString(configMapKeyRef.key)) {
    const configMap = importCode(scope, 'config-map', configMapKeyRef.name);
    return callCode('kplus.EnvValue.fromConfigMap', kplus.EnvValue.fromConfigMap, [configMap, literal(configMapKeyRef.key), optional(configMapKeyRef)]);
  }
  return undefined;
}

/** All env entries, in order, or none (an env var cdk8s-plus cannot express, or one named twice). */
function envCode(env: unknown, scope: PropsScope): Code | undefined {
  if (!Array.isArray(env) || env.length === 0) return undefined;
  const names = env.map(e => e?.name);
  // an object's integer-like keys would come out first, out of the written order
  if (!names.every(isString) || new Set(names).size !== names.length || names.some(n => /^\d+$/.test(n))) return undefined;
  const values = all(env, e => envValueCode(e, scope));
  return values === undefined ? undefined : objectCode(names.map((n, i) => [n, values[i]]));
}

function mountsCode(mounts: unknown, volumes: Map<string, Code> | undefined): Code | undefined {
  if (volumes === undefined) return undefined;
  return arrayOf(all(mounts, m => {
    const volume = isString(m?.name) ? volumes.get(m.name) : undefined;
    if (volume === undefined || !isString(m.mountPath)) return undefined;
    return objectCode([
      ['path', literal(m.mountPath)],
      ['volume', volume],
      ['readOnly', bool(m.readOnly)],
      ['subPath', str(m.subPath)],
      ['subPathExpr', str(m.subPathExpr)],
      ['propagation', m.mountPropagation === undefined ? undefined : enumCode(kplus.MountPropagation, 'kplus.MountPropagation', m.mountPropagation)],
    ]);
  }));
}

function containerCode(c: any, volumes: Map<string, Code> | undefined, scope: PropsScope, omitEnv: ReadonlySet<string>): Code {
  const env = Array.isArray(c.env) ? c.env.filter((e: any) => !omitEnv.has(e?.name)) : c.env;
  return objectCode([
    ['name', str(c.name)],
    ['image', str(c.image)],
    ['command', strings(c.command)],
    ['args', strings(c.args)],
    ['workingDir', str(c.workingDir)],
    ['envVariables', envCode(env, scope)],
    ['volumeMounts', mountsCode(c.volumeMounts, volumes)],
    ['imagePullPolicy', enumCode(kplus.ImagePullPolicy, 'kplus.ImagePullPolicy', c.imagePullPolicy)],
    ['resources', resourcesCode(c.resources)],
    ['securityContext', securityContextCode(c.securityContext)],
    ['restartPolicy', enumCode(kplus.ContainerRestartPolicy, 'kplus.ContainerRestartPolicy', c.restartPolicy)],
  ]);
}

/** The queues WorkQueue names, by the env vars their workers read. */
const QUEUES: Array<{ factory: string; url: string; name: string; options: (url: Code, name: Code) => Array<[string, Code]>; plainUrl: boolean }> = [
  { factory: 'redis', url: 'REDIS_URL', name: 'REDIS_LIST', options: (url, name) => [['url', url], ['listKey', name]], plainUrl: false },
  { factory: 'amqp', url: 'BROKER_URL', name: 'QUEUE', options: (url, name) => [['brokerUrl', url], ['queue', name]], plainUrl: false },
  { factory: 'sqs', url: 'SQS_QUEUE_URL', name: 'AWS_REGION', options: (url, name) => [['queueUrl', url], ['region', name]], plainUrl: true },
];

/**
 * The WorkQueue a worker's env describes (REDIS_URL and REDIS_LIST, BROKER_URL and QUEUE, SQS_QUEUE_URL and
 * AWS_REGION), and the env names it takes over; with none of these, `WorkQueue.fromEnv({})`.
 */
export function workQueueCode(container: any, scope: PropsScope): { code: Code; env: Set<string> } {
  const env: any[] = Array.isArray(container?.env) ? container.env : [];
  const entry = (name: string) => env.find(e => e?.name === name);
  for (const queue of QUEUES) {
    const url = entry(queue.url);
    const name = entry(queue.name);
    if (url === undefined || name === undefined || !isString(name.value) || name.valueFrom !== undefined) continue;
    const urlCode = queue.plainUrl ? (isString(url.value) && url.valueFrom === undefined ? literal(url.value) : undefined) : envValueCode(url, scope);
    if (urlCode === undefined) continue;
    const options = objectCode(queue.options(urlCode, literal(name.value)));
    return { code: callCode(`WorkQueue.${queue.factory}`, o => (WorkQueue as any)[queue.factory](o), [options]), env: new Set([queue.url, queue.name]) };
  }
  return { code: callCode('WorkQueue.fromEnv', WorkQueue.fromEnv, [{ code: '{}', make: () => ({}) }]), env: new Set() };
}
