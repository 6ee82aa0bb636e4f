import { OrderedIntervals, firstPendingIndexes } from '../../src/preview/intervals';

/** The controller's own cases, translated: k8s.io/kubernetes v1.34.4 pkg/controller/job/indexed_job_utils_test.go. */
const iv = (...pairs: Array<[number, number]>) => new OrderedIntervals(pairs.map(([first, last]) => ({ first, last })));

describe('TestIntervalsHaveIndex (indexed_job_utils_test.go)', () => {
  const cases: Array<[string, OrderedIntervals, number, boolean]> = [
    ['empty', iv(), 4, false],
    ['before all', iv([2, 4], [5, 7]), 1, false],
    ['after all', iv([2, 4], [6, 8]), 9, false],
    ['in between', iv([2, 4], [6, 8]), 5, false],
    ['in first', iv([2, 4], [6, 8]), 2, true],
    ['in second', iv([2, 4], [6, 8]), 8, true],
  ];
  test.each(cases)('%s', (_name, intervals, index, want) => expect(intervals.has(index)).toBe(want));
});

describe('TestFirstPendingIndexes (indexed_job_utils_test.go)', () => {
  const cases: Array<[string, number, number, number[], OrderedIntervals, OrderedIntervals | undefined, number[]]> = [
    ['cnt greater than completions', 5, 3, [], iv(), undefined, [0, 1, 2]],
    ['cnt less than completions', 2, 5, [], iv(), undefined, [0, 1]],
    ['first pods active', 3, 10, [0, 1], iv(), undefined, [2, 3, 4]],
    ['last pods active or succeeded', 6, 6, [6], iv([4, 5]), undefined, [0, 1, 2, 3]],
    // pods without an index or with a negative one hold none
    ['mixed', 5, 20, [3, 5, 8, -1, -1], iv([2, 4], [9, 9]), undefined, [0, 1, 6, 7, 10]],
    ['with failed indexes', 5, 20, [3, 9], iv([1, 1], [5, 5], [9, 9]), iv([2, 2], [6, 7]), [0, 4, 8, 10, 11]],
  ];
  test.each(cases)('%s', (_name, count, completions, active, succeeded, failed, want) => {
    expect(firstPendingIndexes(count, completions, { active, succeeded, failed })).toEqual(want);
  });
});

test('the status form: merged, "0,2-4", and two neighbours as "5,6" (orderedIntervals.String)', () => {
  expect(OrderedIntervals.of([4, 0, 2, 3, 5, 6, 9]).toString()).toBe('0,2-6,9');
  expect(OrderedIntervals.of([5, 6]).toString()).toBe('5,6');
  expect(OrderedIntervals.of([]).toString()).toBe('');
  expect(OrderedIntervals.of([1, 2, 3, 7]).total()).toBe(4);
});

test('parseIndexesFromString: cut at completions, neighbours joined, corrupted parts skipped', () => {
  expect(OrderedIntervals.parse('0,2-4,5,x,7-20', 10).toString()).toBe('0,2-5,7-9');
  expect(OrderedIntervals.parse('12-14', 10).toString()).toBe('');
});
