import { KUEUE_MIN_PARALLELISM_ANNOTATION, kueuePodsAtOnce, minParallelismAnnotationProblem } from '../../kueue';
import { isObject, jobSpec, metadataOf, show } from '../manifest';
import { JobRule, RuleCategory, RuleSeverity, Violation } from '../rule';

export const kueueMinParallelism: JobRule = {
  id: 'JOB116',
  name: 'kueue-min-parallelism',
  category: RuleCategory.SEMANTICS,
  severity: RuleSeverity.ERROR,
  summary: 'kueue.x-k8s.io/job-min-parallelism must be a whole number from 1 to min(parallelism, completions) - 1',
  explanation: 'Partial admission lets Kueue start a Job with fewer pods at once when its quota is short, down to this minimum. Kueue\'s '
    + 'webhook refuses the Job on create unless strconv.Atoi reads the value and it is above 0 and below the pods the Job runs at '
    + 'once, min(parallelism, completions): at the full count there is nothing to admit partially. (The webhook compares the value '
    + 'cut to 32 bits, so it also takes some very large numbers; the checker follows it.)',
  fix: 'Set the annotation below min(parallelism, completions), or remove it to admit the Job whole.',
  source: 'sigs.k8s.io/kueue pkg/controller/jobs/job/job_webhook.go validatePartialAdmissionCreate; job_controller.go podsCount',
  check(job): Violation[] {
    const annotations = metadataOf(job).annotations;
    if (!isObject(annotations) || annotations[KUEUE_MIN_PARALLELISM_ANNOTATION] === undefined) return [];
    const raw = annotations[KUEUE_MIN_PARALLELISM_ANNOTATION];
    const path = `metadata.annotations["${KUEUE_MIN_PARALLELISM_ANNOTATION}"]`;
    const spec = jobSpec(job);
    const parallelism = typeof spec.parallelism === 'number' ? spec.parallelism : 1;
    const completions = typeof spec.completions === 'number' ? spec.completions : undefined;
    const problem = typeof raw === 'string'
      ? minParallelismAnnotationProblem(raw, kueuePodsAtOnce(parallelism, completions))
      : 'it must be a whole number written in decimal (Kueue reads it with strconv.Atoi)';
    return problem === undefined ? [] : [{ path, message: `${path} is ${show(raw)}; ${problem}` }];
  },
};
