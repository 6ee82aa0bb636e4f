import { nextBackoffRecord, remainingBackoff } from '../../src/preview/backoff';

/**
 * The controller's own cases, translated: k8s.io/kubernetes v1.34.4 pkg/controller/job/backoff_utils_test.go.
 * Times are seconds; the upstream cases use milliseconds apart, kept here as thousandths.
 */
const T = 1000;
const ms = (n: number) => T + n / 1000;

type Record = { failuresAfterLastSuccess: number; lastFailureTime?: number };

describe('TestNewBackoffRecord (backoff_utils_test.go)', () => {
  const cases: Array<[string, Record, number[], number[], Record]> = [
    ['Empty backoff store and one new failure', { failuresAfterLastSuccess: 0 }, [], [T], { failuresAfterLastSuccess: 1, lastFailureTime: T }],
    ['Empty backoff store and two new failures', { failuresAfterLastSuccess: 0 }, [], [T, ms(-1)], { failuresAfterLastSuccess: 2, lastFailureTime: T }],
    ['Empty backoff store, two failures followed by success', { failuresAfterLastSuccess: 0 }, [T], [ms(-2), ms(-1)], { failuresAfterLastSuccess: 0 }],
    ['Empty backoff store, two failures, one success and two more failures', { failuresAfterLastSuccess: 0 }, [ms(-2)], [T, ms(-4), ms(-3), ms(-1)],
      { failuresAfterLastSuccess: 2, lastFailureTime: T }],
    ['Backoff store having failure count 2 and one new failure', { failuresAfterLastSuccess: 2 }, [], [T], { failuresAfterLastSuccess: 3, lastFailureTime: T }],
    ['Empty backoff store with success and failure at same timestamp', { failuresAfterLastSuccess: 0 }, [T], [T], { failuresAfterLastSuccess: 0 }],
    ['Empty backoff store with no success/failure', { failuresAfterLastSuccess: 0 }, [], [], { failuresAfterLastSuccess: 0 }],
    ['Empty backoff store with one success', { failuresAfterLastSuccess: 0 }, [T], [], { failuresAfterLastSuccess: 0 }],
  ];
  test.each(cases)('%s', (_name, previous, succeeded, failed, want) => {
    const got = nextBackoffRecord(previous, succeeded, failed);
    expect({ failuresAfterLastSuccess: got.failuresAfterLastSuccess, lastFailureTime: got.lastFailureTime })
      .toEqual({ failuresAfterLastSuccess: want.failuresAfterLastSuccess, lastFailureTime: want.lastFailureTime });
  });
});

describe('TestGetRemainingBackoffTime (backoff_utils_test.go): base 5 s, cap 700 s', () => {
  const cases: Array<[string, number, number | undefined, number, number]> = [
    ['no failures', 0, undefined, T, 0],
    ['one failure; current time and failure time are same', 1, T, T, 5],
    ['one failure; current time == 1 second + failure time', 1, T, T + 1, 4],
    ['one failure; current time == expected backoff time', 1, T, T + 5, 0],
    ['one failure; current time == expected backoff time + 1 Second', 1, T, T + 6, 0],
    ['three failures; current time and failure time are same', 3, T, T, 20],
    ['eight failures; current time and failure time are same; backoff not exceeding maxBackoff', 8, T, T, 640],
    ['nine failures; current time and failure time are same; backoff exceeding maxBackoff', 9, T, T, 700],
  ];
  test.each(cases)('%s', (_name, failures, lastFailureTime, now, want) => {
    expect(remainingBackoff(failures, lastFailureTime, now, 5, 700)).toBe(want);
  });
});

test('the controller\'s own constants: 10 s doubling to a 10-minute cap', () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map(n => remainingBackoff(n, 0, 0))).toEqual([10, 20, 40, 80, 160, 320, 600, 600]);
});
