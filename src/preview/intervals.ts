/**
 * Sets of completion indexes as the Job controller keeps them (pkg/controller/job/indexed_job_utils.go
 * orderedIntervals): sorted, merged intervals, written in the status as "0,2-4" (two neighbours as "0,1").
 */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

export class OrderedIntervals {
  /** parseIndexesFromString: intervals at or past `completions` are dropped or cut; corrupted ones skipped. */
  public static parse(text: string, completions: number): OrderedIntervals {
    const result: Interval[] = [];
    if (text === '') return new OrderedIntervals(result);
    for (const part of text.split(',')) {
      const limits = part.split('-');
      const first = atoi(limits[0]);
      if (first === undefined) continue;
      if (first >= completions) break;
      let last = first;
      if (limits.length > 1) {
        const parsed = atoi(limits[1]);
        if (parsed === undefined) continue;
        last = Math.min(parsed, completions - 1);
      }
      const previous = result[result.length - 1];
      if (previous !== undefined && previous.last === first - 1) result[result.length - 1] = { first: previous.first, last };
      else result.push({ first, last });
    }
    return new OrderedIntervals(result);
  }

  /** The intervals covering `indexes` (any order, duplicates allowed). */
  public static of(indexes: Iterable<number>): OrderedIntervals {
    return new OrderedIntervals([]).withIndexes([...indexes]);
  }

  constructor(public readonly intervals: readonly Interval[] = []) {}

  /** withOrderedIndexes: these indexes added. */
  public withIndexes(indexes: number[]): OrderedIntervals {
    return this.merge(new OrderedIntervals([...indexes].sort((a, b) => a - b).map(ix => ({ first: ix, last: ix }))));
  }

  /** merge: both sets, neighbours joined. */
  public merge(other: OrderedIntervals): OrderedIntervals {
    const result: Interval[] = [];
    const add = (next: Interval) => {
      const last = result[result.length - 1];
      if (last === undefined || next.first > last.last + 1) result.push({ ...next });
      else if (last.last < next.last) result[result.length - 1] = { first: last.first, last: next.last };
    };
    let i = 0;
    let j = 0;
    const a = this.intervals;
    const b = other.intervals;
    while (i < a.length && j < b.length) add(a[i].first < b[j].first ? a[i++] : b[j++]);
    while (i < a.length) add(a[i++]);
    while (j < b.length) add(b[j++]);
    return new OrderedIntervals(result);
  }

  /** The number of indexes. */
  public total(): number {
    return this.intervals.reduce((sum, iv) => sum + iv.last - iv.first + 1, 0);
  }

  /** Whether `index` is in the set (binary search, as the controller does). */
  public has(index: number): boolean {
    let lo = 0;
    let hi = this.intervals.length;
    while (hi > lo) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.intervals[mid].last >= index) hi = mid;
      else lo = mid + 1;
    }
    return hi < this.intervals.length && this.intervals[hi].first <= index;
  }

  /** The status form: "0,2-4", two neighbours as "5,6". */
  public toString(): string {
    return this.intervals.map(iv => iv.last === iv.first ? `${iv.first}` : `${iv.first}${iv.last === iv.first + 1 ? ',' : '-'}${iv.last}`).join(',');
  }
}

/**
 * firstPendingIndexes: up to `count` indexes below `completions` that no active pod holds and that neither
 * succeeded nor failed (and, where only failed pods are replaced, that no terminating pod holds), lowest first.
 */
export function firstPendingIndexes(count: number, completions: number, held: {
  active: number[];
  terminating?: number[];
  succeeded: OrderedIntervals;
  failed?: OrderedIntervals;
}): number[] {
  if (count === 0) return [];
  let nonPending = held.succeeded.withIndexes(held.active.filter(ix => ix >= 0));
  if (held.terminating !== undefined) nonPending = nonPending.withIndexes(held.terminating.filter(ix => ix >= 0));
  if (held.failed !== undefined) nonPending = nonPending.merge(held.failed);
  const result: number[] = [];
  let candidate = 0;
  for (const iv of nonPending.intervals) {
    for (; candidate < completions && result.length < count && candidate < iv.first; candidate++) result.push(candidate);
    if (candidate < iv.last + 1) candidate = iv.last + 1;
  }
  for (; candidate < completions && result.length < count; candidate++) result.push(candidate);
  return result;
}

/** strconv.Atoi. */
function atoi(text: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}
