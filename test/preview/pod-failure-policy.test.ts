import { FailedPod, matchPodFailurePolicy } from '../../src/preview/pod-failure-policy';

/**
 * The controller's own cases, translated: k8s.io/kubernetes v1.34.4 pkg/controller/job/pod_failure_policy_test.go
 * TestMatchPodFailurePolicy (pod default/mypod).
 */
const pod = (containers: FailedPod['containers'], extra: Partial<FailedPod> = {}): FailedPod => ({ namespace: 'default', name: 'mypod', containers, ...extra });
const main = (exitCode: number) => [{ name: 'main-container', exitCode }];
const disruption = (status: string) => ({ conditions: [{ type: 'DisruptionTarget', status }] });
const exitRule = (action: string, operator: string, values: number[]) => ({ action, onExitCodes: { operator, values } });
const conditionRule = (action: string, status: string) => ({ action, onPodConditions: [{ type: 'DisruptionTarget', status }] });

const cases: Array<[string, any, FailedPod, boolean, { message?: string; countFailed: boolean; action?: string }]> = [
  ['unknown action for rule matching by exit codes - skip rule with unknown action',
    { rules: [exitRule('UnknownAction', 'In', [1, 2]), exitRule('FailJob', 'In', [2, 3])] }, pod(main(2)), true,
    { message: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1', countFailed: true, action: 'FailJob' }],
  ['unknown action for rule matching by pod conditions - skip rule with unknown action',
    { rules: [conditionRule('UnkonwnAction', 'True'), conditionRule('Ignore', 'True')] }, pod([], disruption('True')), true,
    { countFailed: false, action: 'Ignore' }],
  ['unknown operator - rule with unknown action is skipped for onExitCodes',
    { rules: [exitRule('Ignore', 'UnknownOperator', [1, 2]), exitRule('FailJob', 'In', [2, 3])] }, pod(main(2)), true,
    { message: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1', countFailed: true, action: 'FailJob' }],
  ['no policy rules', { rules: [] }, pod(main(2)), true, { countFailed: true }],
  ['ignore rule matched for exit codes', { rules: [exitRule('Ignore', 'In', [1, 2, 3])] }, pod(main(2)), true, { countFailed: false, action: 'Ignore' }],
  ['ignore rule matched on negative exit codes - needed for Windows support',
    { rules: [exitRule('Ignore', 'In', [-1073741676, -1073741510])] }, pod(main(-1073741510)), true, { countFailed: false, action: 'Ignore' }],
  ['FailJob rule matched for exit codes', { rules: [exitRule('FailJob', 'In', [1, 2, 3])] }, pod(main(2)), true,
    { message: 'Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0', countFailed: true, action: 'FailJob' }],
  ['successful containers are skipped by the rules', { rules: [exitRule('FailJob', 'NotIn', [111])] },
    pod([{ name: 'main-container', exitCode: 111 }, { name: 'suppport-container', exitCode: 0 }], { initContainers: [{ name: 'init-container', exitCode: 0 }] }), true,
    { countFailed: true }],
  ['FailIndex rule matched for exit codes; JobBackoffLimitPerIndex enabled', { rules: [exitRule('FailIndex', 'In', [1, 2, 3])] }, pod(main(2)), true,
    { countFailed: true, action: 'FailIndex' }],
  ['FailIndex rule matched for exit codes; JobBackoffLimitPerIndex disabled', { rules: [exitRule('FailIndex', 'In', [1, 2, 3])] }, pod(main(2)), false,
    { countFailed: true }],
  ['pod failure policy with NotIn operator and value 0', { rules: [exitRule('FailJob', 'NotIn', [0])] },
    pod([{ name: 'main-container', exitCode: 1 }, { name: 'suppport-container', exitCode: 0 }]), true,
    { message: 'Container main-container for pod default/mypod failed with exit code 1 matching FailJob rule at index 0', countFailed: true, action: 'FailJob' }],
  ['second jobfail rule matched for exit codes', { rules: [exitRule('Count', 'In', [1, 2, 3]), exitRule('FailJob', 'In', [4, 5, 6])] }, pod(main(6)), true,
    { message: 'Container main-container for pod default/mypod failed with exit code 6 matching FailJob rule at index 1', countFailed: true, action: 'FailJob' }],
  ['count rule matched for exit codes', { rules: [exitRule('Count', 'In', [1, 2, 3])] }, pod([{ name: 'foo' }, { name: 'bar', exitCode: 2 }]), true,
    { countFailed: true, action: 'Count' }],
  ['FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex enabled', { rules: [conditionRule('FailIndex', 'True')] }, pod([], disruption('True')), true,
    { countFailed: true, action: 'FailIndex' }],
  ['FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex disabled', { rules: [conditionRule('FailIndex', 'True')] }, pod([], disruption('True')), false,
    { countFailed: true }],
  ['ignore rule matched for pod conditions', { rules: [conditionRule('Ignore', 'True')] }, pod([], disruption('True')), true, { countFailed: false, action: 'Ignore' }],
  ['ignore rule matches by the status=False', { rules: [conditionRule('Ignore', 'False')] }, pod([], disruption('False')), true, { countFailed: false, action: 'Ignore' }],
  ['ignore rule matches by the status=Unknown', { rules: [conditionRule('Ignore', 'Unknown')] }, pod([], disruption('Unknown')), true, { countFailed: false, action: 'Ignore' }],
  ['ignore rule does not match when status for pattern is False, but actual True', { rules: [conditionRule('Ignore', 'False')] }, pod([], disruption('True')), true,
    { countFailed: true }],
  ['ignore rule does not match when status for pattern is True, but actual False', { rules: [conditionRule('Ignore', 'True')] }, pod([], disruption('False')), true,
    { countFailed: true }],
  ['job fail rule matched for pod conditions', { rules: [conditionRule('FailJob', 'True')] }, pod([], disruption('True')), true,
    { message: 'Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0', countFailed: true, action: 'FailJob' }],
  ['count rule matched for pod conditions', { rules: [conditionRule('Count', 'True')] }, pod([], disruption('True')), true, { countFailed: true, action: 'Count' }],
  ['no rule matched', {
    rules: [exitRule('Count', 'NotIn', [8]), exitRule('Ignore', 'In', [1, 2, 3]), exitRule('FailJob', 'NotIn', [5, 6, 7]),
      { action: 'Count', onPodConditions: [{ type: 'ResourceLimitExceeded', status: 'True' }] }, conditionRule('Ignore', 'True')],
  }, pod([{ name: '', exitCode: 32 }]), true, { countFailed: true, action: 'Count' }],
];

test.each(cases)('%s', (_name, policy, failed, perIndexServed, want) => {
  const got = matchPodFailurePolicy(policy, failed, perIndexServed);
  expect({ message: got.failJobMessage, countFailed: got.countFailed, action: got.action })
    .toEqual({ message: want.message, countFailed: want.countFailed, action: want.action });
});

test('no policy: every failure counts', () => {
  expect(matchPodFailurePolicy(undefined, pod(main(1)))).toEqual({ countFailed: true });
});

test('an unwritten pattern status is True, as the API server defaults it', () => {
  expect(matchPodFailurePolicy({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] }, pod([], disruption('True'))).action).toBe('Ignore');
});
