import { JobRule } from './rule';
import { addedCapabilities } from './rules/added-capabilities';
import { affinity } from './rules/affinity';
import { completionMode } from './rules/completion-mode';
import { containerEnv } from './rules/container-env';
import { containerPorts } from './rules/container-ports';
import { containerRestartRules } from './rules/container-restart-rules';
import { countFields } from './rules/count-fields';
import { cronJobIndexedRunName } from './rules/cronjob-indexed-run-name';
import { cronJobSpec } from './rules/cronjob-spec';
import { cronJobStartingDeadline } from './rules/cronjob-starting-deadline';
import { cronJobTtlHistory } from './rules/cronjob-ttl-history';
import { disruptionsCount } from './rules/disruptions-count';
import { dropAllCapabilities } from './rules/drop-all-capabilities';
import { emptyPodFailurePolicy } from './rules/empty-pod-failure-policy';
import { externalManagedBy } from './rules/external-managed-by';
import { fieldTypes } from './rules/field-types';
import { fieldVersion } from './rules/field-version';
import { generatedSelector } from './rules/generated-selector';
import { hostNamespaces } from './rules/host-namespaces';
import { hostPathVolumes } from './rules/host-path-volumes';
import { hostPorts } from './rules/host-ports';
import { hostProbes } from './rules/host-probes';
import { implicitBackoffLimit } from './rules/implicit-backoff-limit';
import { implicitSingleIndex } from './rules/implicit-single-index';
import { indexOnNonIndexed } from './rules/index-on-non-indexed';
import { itemListLength } from './rules/item-list-length';
import { jobName } from './rules/job-name';
import { kernelHardening } from './rules/kernel-hardening';
import { knownFields } from './rules/known-fields';
import { kueueLabelOnCronJob } from './rules/kueue-label-on-cronjob';
import { kueueMinParallelism } from './rules/kueue-min-parallelism';
import { kueueNoRequests } from './rules/kueue-no-requests';
import { kueueQueueName } from './rules/kueue-queue-name';
import { kueueWithoutQueue } from './rules/kueue-without-queue';
import { managedBy } from './rules/managed-by';
import { mutableImage } from './rules/mutable-image';
import { noActiveDeadline } from './rules/no-active-deadline';
import { noResourceRequests } from './rules/no-resource-requests';
import { noTtl } from './rules/no-ttl';
import { nonRootWithoutUser } from './rules/non-root-without-user';
import { objectMetadata } from './rules/object-metadata';
import { orderedIndexesContinue } from './rules/ordered-indexes-continue';
import { peersWithoutSubdomain } from './rules/peers-without-subdomain';
import { perIndexBackoff } from './rules/per-index-backoff';
import { perIndexOnFailure } from './rules/per-index-on-failure';
import { podDeadlineExceedsJob } from './rules/pod-deadline-exceeds-job';
import { podDns } from './rules/pod-dns';
import { podFailurePolicy } from './rules/pod-failure-policy';
import { podOs } from './rules/pod-os';
import { podReferences } from './rules/pod-references';
import { podReplacementPolicy } from './rules/pod-replacement-policy';
import { podTemplate } from './rules/pod-template';
import { privilegeEscalation } from './rules/privilege-escalation';
import { privilegedContainers } from './rules/privileged-containers';
import { probesAndLifecycle } from './rules/probes-and-lifecycle';
import { procMount } from './rules/proc-mount';
import { resourceQuantities } from './rules/resource-quantities';
import { restartPolicy } from './rules/restart-policy';
import { restrictedVolumeTypes } from './rules/restricted-volume-types';
import { runAsNonRoot } from './rules/run-as-non-root';
import { seccompProfile } from './rules/seccomp-profile';
import { securityContext } from './rules/security-context';
import { successPolicy } from './rules/success-policy';
import { suspendWithKueue } from './rules/suspend-with-kueue';
import { tolerations } from './rules/tolerations';
import { topologySpread } from './rules/topology-spread';
import { ttlUnderGitops } from './rules/ttl-under-gitops';
import { volumeMounts } from './rules/volume-mounts';
import { volumeSources } from './rules/volume-sources';
import { workQueueCompletions } from './rules/work-queue-completions';
import { zeroActiveDeadline } from './rules/zero-active-deadline';
import { zeroCompletions } from './rules/zero-completions';
import { zeroParallelism } from './rules/zero-parallelism';

/** Every rule, in id order. */
export const ALL_RULES: readonly JobRule[] = [
  restartPolicy,
  jobName,
  countFields,
  completionMode,
  perIndexBackoff,
  podFailurePolicy,
  successPolicy,
  podReplacementPolicy,
  managedBy,
  generatedSelector,
  podTemplate,
  fieldVersion,
  knownFields,
  fieldTypes,
  volumeMounts,
  containerEnv,
  resourceQuantities,
  containerPorts,
  probesAndLifecycle,
  objectMetadata,
  volumeSources,
  tolerations,
  affinity,
  topologySpread,
  securityContext,
  podDns,
  podOs,
  podReferences,
  containerRestartRules,
  cronJobSpec,
  zeroCompletions,
  indexOnNonIndexed,
  itemListLength,
  workQueueCompletions,
  zeroParallelism,
  cronJobStartingDeadline,
  cronJobIndexedRunName,
  zeroActiveDeadline,
  podDeadlineExceedsJob,
  perIndexOnFailure,
  orderedIndexesContinue,
  emptyPodFailurePolicy,
  externalManagedBy,
  suspendWithKueue,
  peersWithoutSubdomain,
  implicitSingleIndex,
  kueueMinParallelism,
  kueueWithoutQueue,
  kueueNoRequests,
  kueueLabelOnCronJob,
  kueueQueueName,
  implicitBackoffLimit,
  noActiveDeadline,
  noTtl,
  disruptionsCount,
  mutableImage,
  noResourceRequests,
  ttlUnderGitops,
  nonRootWithoutUser,
  cronJobTtlHistory,
  hostNamespaces,
  privilegedContainers,
  addedCapabilities,
  hostPathVolumes,
  hostPorts,
  kernelHardening,
  hostProbes,
  restrictedVolumeTypes,
  privilegeEscalation,
  runAsNonRoot,
  seccompProfile,
  dropAllCapabilities,
  procMount,
];
