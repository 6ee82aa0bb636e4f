import * as kplus from 'cdk8s-plus-28';
import { withoutUndefined } from './containers';
import type { JobOptions } from '../job-base';
import { PodProximity, SpreadConstraintAction, TopologySpread } from '../scheduling';

/** The label the Job controller puts on each of a Job's pods, unique per Job (prefixed form since 1.27). */
const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

/**
 * What a spread constraint without a selector counts: the Job's own pods. Every pod of a Job carries the
 * controller-uid label with the Job's uid, so `matchLabelKeys` on it leaves out the pods of other Jobs and runs.
 */
export function ownPodsSpread(): { labelSelector: any; matchLabelKeys: string[] } {
  return { labelSelector: { matchExpressions: [{ key: CONTROLLER_UID_LABEL, operator: 'Exists' }] }, matchLabelKeys: [CONTROLLER_UID_LABEL] };
}

/** Tolerations as batch/v1 JSON, in the order given. */
export function renderTolerations(queries: kplus.NodeTaintQuery[] | undefined): any[] | undefined {
  if (queries === undefined || queries.length === 0) return undefined;
  return queries.map(query => kplus.k8s.toJson_Toleration(query._toKube()));
}

function nodeTerm(node: kplus.LabeledNode): any {
  return { matchExpressions: node.labelSelector.map(query => kplus.k8s.toJson_NodeSelectorRequirement(query._toKube())) };
}

function selector(pods: kplus.LabelSelector): any {
  return kplus.k8s.toJson_LabelSelector(pods._toKube());
}

function podTerm(proximity: PodProximity): any {
  return withoutUndefined({
    labelSelector: selector(proximity.pods),
    namespaces: proximity.namespaces,
    topologyKey: (proximity.topology ?? kplus.Topology.HOSTNAME).key,
  });
}

/** Required terms where no weight is given, preferred ones (with their weights) where one is. */
function podAffinity(proximities: PodProximity[] | undefined): any {
  if (proximities === undefined || proximities.length === 0) return undefined;
  const required = proximities.filter(p => p.weight === undefined).map(podTerm);
  const preferred = proximities.filter(p => p.weight !== undefined).map(p => ({ weight: p.weight, podAffinityTerm: podTerm(p) }));
  return withoutUndefined({
    requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? required : undefined,
    preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
  });
}

/** The pod's affinity: required and preferred nodes, pods to run near and away from. */
export function renderAffinity(props: JobOptions): any {
  const required = props.requiredNodes ?? [];
  const preferred = props.preferredNodes ?? [];
  const nodeAffinity = required.length + preferred.length > 0 ? withoutUndefined({
    requiredDuringSchedulingIgnoredDuringExecution: required.length > 0 ? { nodeSelectorTerms: required.map(nodeTerm) } : undefined,
    preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0
      ? preferred.map(p => ({ weight: p.weight, preference: nodeTerm(p.node) }))
      : undefined,
  }) : undefined;
  const affinity = withoutUndefined({
    nodeAffinity,
    podAffinity: podAffinity(props.colocate),
    podAntiAffinity: podAffinity(props.separate),
  });
  return Object.keys(affinity).length > 0 ? affinity : undefined;
}

/** Spread constraints; without a selector, over this Job's own pods (ownPodsSpread). */
export function renderTopologySpread(spreads: TopologySpread[] | undefined): any[] | undefined {
  if (spreads === undefined || spreads.length === 0) return undefined;
  return spreads.map(spread => withoutUndefined({
    maxSkew: spread.maxSkew ?? 1,
    topologyKey: spread.topology.key,
    whenUnsatisfiable: spread.whenUnsatisfiable ?? SpreadConstraintAction.DO_NOT_SCHEDULE,
    ...spread.pods ? { labelSelector: selector(spread.pods) } : ownPodsSpread(),
    minDomains: spread.minDomains,
  }));
}
