import { Chart, Duration, Testing } from 'cdk8s';
import {
  IndexedJob, IndexedJobProps, JobRestartPolicy, JobSettings, KubeVersion, PodFailurePolicyAction, PodFailurePolicyRule, WorkItems,
} from '../src';
import { synthValid } from './util';

/**
 * A synthesized manifest that the API server would reject is a bug: sweep the options that change the
 * rendered shape and check every result against the schema and every blocking rule.
 */
const versions = [KubeVersion.V1_27, KubeVersion.V1_28, KubeVersion.V1_29, KubeVersion.V1_31, KubeVersion.V1_34, KubeVersion.V1_35];
const restartPolicies = [undefined, JobRestartPolicy.NEVER, JobRestartPolicy.ON_FAILURE];
const mappings: Array<[string, Partial<IndexedJobProps>]> = [
  ['completions', { completions: 4 }],
  ['list', { workItems: WorkItems.fromList(['a', 'b c', '$x']) }],
  ['pattern', { completions: 2, workItems: WorkItems.fromPattern('/in/{index}.csv') }],
  ['partition', { workItems: WorkItems.partition(3) }],
];
const extras: Array<[string, Partial<IndexedJobProps>]> = [
  ['plain', {}],
  ['everything optional', {
    parallelism: 2,
    activeDeadline: Duration.minutes(30),
    indexEnvName: 'SHARD',
    indexFile: { path: '/etc/index' },
    peerService: true,
    initContainers: [{ name: 'prepare', image: 'busybox:1.37' }],
  }],
  ['exit-code rule', { podFailurePolicy: [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_JOB, { values: [42] })] }],
];

const cases: Array<[string, KubeVersion, boolean, JobRestartPolicy | undefined, Partial<IndexedJobProps>]> = [];
for (const version of versions) {
  for (const safeDefaults of [true, false]) {
    for (const restartPolicy of restartPolicies) {
      for (const [mappingName, mapping] of mappings) {
        for (const [extraName, extra] of extras) {
          // a podFailurePolicy with OnFailure is the user's own error, refused by JOB001 (tested elsewhere)
          if (restartPolicy === JobRestartPolicy.ON_FAILURE && extra.podFailurePolicy) continue;
          cases.push([`${version} safe=${safeDefaults} ${restartPolicy ?? 'default'} ${mappingName} ${extraName}`, version, safeDefaults, restartPolicy, { ...mapping, ...extra }]);
        }
      }
    }
  }
}

test.each(cases)('%s synthesizes a manifest the API server accepts', (_name, kubeVersion, safeDefaults, restartPolicy, props) => {
  const app = Testing.app();
  JobSettings.apply(app, { kubeVersion, safeDefaults });
  const chart = new Chart(app, 'c');
  new IndexedJob(chart, 'job', { ...props, restartPolicy, containers: [{ name: 'main', image: 'busybox:1.37' }] });
  const manifests = synthValid(chart);
  expect(manifests.filter(m => m.kind === 'Job')).toHaveLength(1);
});
