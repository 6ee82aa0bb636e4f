import { OrderedIntervals } from '../../src/preview/intervals';
import { matchSuccessPolicy } from '../../src/preview/success-policy';

/** The controller's own cases, translated: k8s.io/kubernetes v1.34.4 pkg/controller/job/success_policy_test.go TestMatchSuccessPolicy. */
const iv = (...pairs: Array<[number, number]>) => new OrderedIntervals(pairs.map(([first, last]) => ({ first, last })));
const rule = (succeededIndexes?: string, succeededCount?: number) => ({ succeededIndexes, succeededCount });
const MATCH0 = 'Matched rules at index 0';

const cases: Array<[string, boolean, any, OrderedIntervals, string | undefined]> = [
  ['JobSuccessPolicy is disabled', false, { rules: [rule(undefined, 1)] }, iv([0, 0]), undefined],
  ['successPolicy is null', true, undefined, iv([0, 0]), undefined],
  ['any rules are nothing', true, { rules: [] }, iv([0, 0]), undefined],
  ['rules.succeededIndexes is invalid format', true, { rules: [rule('invalid-form')] }, iv([0, 0]), undefined],
  ['rules.succeededIndexes is specified; succeededIndexes matched rules', true, { rules: [rule('0-2')] }, iv([0, 2], [4, 7]), MATCH0],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules', true, { rules: [rule('3')] }, iv([0, 2]), undefined],
  ['rules.succeededCount is specified; succeededIndexes matched rules', true, { rules: [rule(undefined, 2)] }, iv([0, 2]), MATCH0],
  ['rules.succeededCount is specified; succeededIndexes didn\'t match rules', true, { rules: [rule(undefined, 4)] }, iv([0, 2]), undefined],
  ['multiple rules; rules.succeededIndexes is specified; succeededIndexes met one of rules', true, { rules: [rule('9'), rule('4,6')] }, iv([0, 2], [4, 7]),
    'Matched rules at index 1'],
  ['multiple rules; rules.succeededIndexes is specified; succeededIndexes met all rules', true, { rules: [rule('0,1'), rule('5')] }, iv([0, 2], [4, 7]), MATCH0],
  ['rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes met all rules', true, { rules: [rule('3-6', 2)] }, iv([0, 2], [4, 7]), MATCH0],
  ['rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes didn\'t match rules', true, { rules: [rule('3-6', 2)] }, iv([0, 2], [6, 7]),
    undefined],
  ['rules.succeededIndexes is specified; succeededIndexes are nothing', true, { rules: [rule(undefined, 4)] }, iv(), undefined],
  ['rules.succeededIndexes is specified; succeededIndexes matched rules; rules is proper subset of succeededIndexes', true, { rules: [rule('2-4,6-8')] },
    iv([1, 5], [6, 9]), MATCH0],
  ['rules.succeededIndexes is specified; succeededIndexes matched rules; rules equals succeededIndexes', true, { rules: [rule('2-4,6-9')] }, iv([2, 4], [6, 9]), MATCH0],
  ['rules.succeededIndexes is specified; succeededIndexes matched rules; rules is subset of succeededIndexes', true, { rules: [rule('2-4,8-12')] },
    iv([2, 5], [7, 15]), MATCH0],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules; rules is an empty set', true, { rules: [rule('')] }, iv([1, 3]), undefined],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules; succeededIndexes is an empty set', true, { rules: [rule('')] }, iv(), undefined],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules; all elements of rules.succeededIndexes aren\'t included in succeededIndexes', true,
    { rules: [rule('10-12,14-16')] }, iv([1, 3], [5, 7]), undefined],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules; rules overlaps succeededIndexes at first', true, { rules: [rule('1-3,5-7')] },
    iv([2, 4], [6, 8]), undefined],
  ['rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at first', true,
    { rules: [rule('1-3,5-7', 4)] }, iv([2, 4], [6, 8]), MATCH0],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules; rules overlaps succeededIndexes at last', true, { rules: [rule('2-4,6-9')] },
    iv([1, 3], [5, 7]), undefined],
  ['rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules overlaps succeededIndexes at last', true,
    { rules: [rule('2-4,6-9', 4)] }, iv([1, 3], [5, 7]), MATCH0],
  ['rules.succeededIndexes is specified; succeededIndexes didn\'t match rules; rules completely overlaps succeededIndexes', true, { rules: [rule('0-4,6-9')] },
    iv([1, 3], [7, 8]), undefined],
  ['rules.succeededIndexes and rules.succeededCount are specified; succeededIndexes matched rules; rules completely overlaps succeededIndexes', true,
    { rules: [rule('0-4,6-9', 5)] }, iv([1, 3], [7, 8]), MATCH0],
];

test.each(cases)('%s', (_name, served, policy, succeeded, want) => {
  expect(matchSuccessPolicy(policy, 10, succeeded, served)).toBe(want);
});
