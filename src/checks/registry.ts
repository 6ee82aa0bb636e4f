import { JobRule } from './rule';
import { completionMode } from './rules/completion-mode';
import { countFields } from './rules/count-fields';
import { fieldVersion } from './rules/field-version';
import { generatedSelector } from './rules/generated-selector';
import { jobName } from './rules/job-name';
import { managedBy } from './rules/managed-by';
import { perIndexBackoff } from './rules/per-index-backoff';
import { podFailurePolicy } from './rules/pod-failure-policy';
import { podReplacementPolicy } from './rules/pod-replacement-policy';
import { podTemplate } from './rules/pod-template';
import { restartPolicy } from './rules/restart-policy';
import { successPolicy } from './rules/success-policy';
import { zeroCompletions } from './rules/zero-completions';

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
  zeroCompletions,
];
