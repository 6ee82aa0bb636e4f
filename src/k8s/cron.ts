/**
 * A CronJob's schedule and time zone as the API server reads them on create: the schedule through
 * github.com/robfig/cron/v3 `ParseStandard` (five fields or a descriptor), without `TZ`; the time zone as
 * pkg/apis/batch/validation validateTimeZone does (IANA names, never `Local`).
 */

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** minute, hour, day of month, month, day of week (robfig/cron parser.go bounds). */
const FIELDS: Array<[string, Bounds]> = [
  ['minute', { min: 0, max: 59 }],
  ['hour', { min: 0, max: 23 }],
  ['day of month', { min: 1, max: 31 }],
  ['month', { min: 1, max: 12, names: MONTHS }],
  ['day of week', { min: 0, max: 6, names: WEEKDAYS }],
];

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** strconv.Atoi: an optional sign and decimal digits, within int64. */
function atoi(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** robfig's mustParseInt: an integer, not negative. */
function parseInt(text: string): { value?: number; problem?: string } {
  const value = atoi(text);
  if (value === undefined) return { problem: `failed to parse int from ${text}` };
  if (value < 0) return { problem: `negative number (${value}) not allowed: ${text}` };
  return { value };
}

function parseIntOrName(text: string, bounds: Bounds): { value?: number; problem?: string } {
  const named = bounds.names?.[text.toLowerCase()];
  return named !== undefined ? { value: named } : parseInt(text);
}

/** robfig's getRange: `*` or `?`, a number or name, a range `a-b`, each with an optional `/step`. */
function rangeProblem(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    const low = parseIntOrName(lowAndHigh[0], bounds);
    if (low.problem) return low.problem;
    start = low.value!;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1], bounds);
      if (high.problem) return high.problem;
      end = high.value!;
    } else {
      return `too many hyphens: ${expr}`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const parsed = parseInt(rangeAndStep[1]);
    if (parsed.problem) return parsed.problem;
    step = parsed.value!;
    // "N/step" means from N to the end
    if (lowAndHigh.length === 1 && lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    return `too many slashes: ${expr}`;
  }
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

/** Go's time.ParseDuration, for `@every`: a sequence of decimal numbers with units, optionally signed. */
const GO_DURATION = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;

/** What the API server finds wrong with a schedule, or undefined (ParseStandard, then the TZ check). */
export function cronScheduleProblem(schedule: string): string | undefined {
  const problem = parseStandard(schedule);
  if (problem !== undefined) return problem;
  if (schedule.includes('TZ')) return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';
  return undefined;
}

function parseStandard(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  // a TZ= or CRON_TZ= prefix names a location first; the API server refuses TZ in any case
  let rest = spec;
  const tz = /^(CRON_)?TZ=/.exec(rest);
  if (tz) {
    const space = rest.indexOf(' ');
    if (space < 0) return `provided bad location ${rest.slice(tz[0].length)}`;
    rest = rest.slice(space).trim();
  }
  if (rest.startsWith('@')) {
    if (DESCRIPTORS.includes(rest)) return undefined;
    if (rest.startsWith('@every ')) {
      const duration = rest.slice('@every '.length);
      return GO_DURATION.test(duration) || duration === '0' ? undefined : `failed to parse duration ${rest}`;
    }
    return `unrecognized descriptor: ${rest}`;
  }
  // strings.Fields: Go's unicode.IsSpace, which does not count U+FEFF
  const fields = rest.split(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(f => f !== '');
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    for (const expr of fields[i].split(',')) {
      const problem = rangeProblem(expr, FIELDS[i][1]);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** validateTimeZone's name check: IANA theory.html naming, digits and `+` tolerated, at most 14 characters a part. */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * What the API server finds wrong with a timeZone, or undefined. It loads the zone from the tz database
 * (time.LoadLocation, case-sensitive file names); here ICU's copy of that database answers, and a name that ICU
 * knows only in another letter case is refused as Go would.
 */
export function timeZoneProblem(timeZone: string): string | undefined {
  if (timeZone.length === 0) return 'timeZone must be nil or non-empty string';
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return `unknown time zone ${timeZone}`;
  }
  if (timeZone.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  if (timeZone === 'UTC') return undefined; // Go's LoadLocation knows UTC without the database
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone ${timeZone}`;
  }
  if (resolved !== timeZone && resolved.toLowerCase() === timeZone.toLowerCase()) return `unknown time zone ${timeZone}`;
  return undefined;
}
