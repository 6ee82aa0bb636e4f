import * as path from 'path';
import { ALL_RULES } from './registry';
import { IJobRule, RuleCategory, RuleSeverity } from './rule';

/**
 * A named set of levels, in the manner of eslint's shared configs: which rules run, and at what level. A profile
 * never changes what a rule finds, only what the finding's level is.
 */
export enum CheckProfile {
  /** Every rule at its own level. */
  RECOMMENDED = 'recommended',
  /** Every warning an error. */
  STRICT = 'strict',
  /** Pod Security Standards baseline: the restricted-only security rules (JOB31x, warnings by default) off. */
  PSS_BASELINE = 'pss-baseline',
  /** Pod Security Standards restricted: every security rule an error. */
  PSS_RESTRICTED = 'pss-restricted',
  /** Manifests a GitOps tool applies: the TTL and CronJob-history rules (JOB203, JOB207, JOB209) errors. */
  GITOPS = 'gitops',
}

/** What a profile does to one rule: a level, off, or nothing. */
const PROFILES: Record<CheckProfile, (rule: IJobRule) => RuleSeverity | 'off' | undefined> = {
  [CheckProfile.RECOMMENDED]: () => undefined,
  [CheckProfile.STRICT]: rule => (rule.severity === RuleSeverity.WARNING ? RuleSeverity.ERROR : undefined),
  [CheckProfile.PSS_BASELINE]: rule => (rule.category === RuleCategory.SECURITY && rule.severity !== RuleSeverity.ERROR ? 'off' : undefined),
  [CheckProfile.PSS_RESTRICTED]: rule => (rule.category === RuleCategory.SECURITY ? RuleSeverity.ERROR : undefined),
  [CheckProfile.GITOPS]: rule => (['JOB203', 'JOB207', 'JOB209'].includes(rule.id) ? RuleSeverity.ERROR : undefined),
};

/** Which rules a run applies and at what level: the built-in rules, your own, a profile and per-rule levels. */
export interface CheckConfig {
  /**
   * Rules of your own, run beside the built-in ones.
   * @default - none
   */
  readonly rules?: IJobRule[];
  /**
   * A named set of levels.
   * @default CheckProfile.RECOMMENDED
   */
  readonly profile?: CheckProfile;
  /**
   * Levels per rule id, over the profile's (`{ JOB202: RuleSeverity.ERROR }`).
   * @default - none
   */
  readonly severities?: { [ruleId: string]: RuleSeverity };
  /**
   * Rule ids not to run.
   * @default - every rule runs
   */
  readonly disable?: string[];
}

/** A configuration resolved: the rules, the levels configuration set, and the rules turned off. */
export interface ResolvedCheckConfig {
  readonly rules: readonly IJobRule[];
  readonly severities: ReadonlyMap<string, RuleSeverity>;
  readonly disable: readonly string[];
}

const SEVERITIES = Object.values(RuleSeverity) as string[];
const CATEGORIES = Object.values(RuleCategory) as string[];
const PROFILE_NAMES = Object.values(CheckProfile) as string[];

/** Resolves a configuration, refusing rules that are not rules, unknown ids and unknown levels with what is allowed. */
export function resolveCheckConfig(config: CheckConfig = {}): ResolvedCheckConfig {
  const own = (config.rules ?? []).map((rule, i) => validateRule(rule, `rules[${i}]`));
  const ids = new Set(ALL_RULES.map(r => r.id));
  for (const rule of own) {
    if (ids.has(rule.id)) throw new Error(`rule ${rule.id}: the id is taken (by a built-in rule or another of yours); give each rule an id of its own`);
    ids.add(rule.id);
  }
  const rules = [...ALL_RULES, ...own];
  const profile = config.profile ?? CheckProfile.RECOMMENDED;
  if (!PROFILE_NAMES.includes(profile)) throw new Error(`profile ${JSON.stringify(profile)} is not one of ${PROFILE_NAMES.join(', ')}`);
  const severities = new Map<string, RuleSeverity>();
  const disable = new Set(config.disable ?? []);
  for (const rule of rules) {
    const level = PROFILES[profile](rule);
    if (level === 'off') disable.add(rule.id);
    else if (level !== undefined) severities.set(rule.id, level);
  }
  for (const [id, level] of Object.entries(config.severities ?? {})) {
    if (!ids.has(id)) throw new Error(`severities: no rule ${id} (see: cdk8s-jobs rules)`);
    if (!SEVERITIES.includes(level)) throw new Error(`severities.${id}: ${JSON.stringify(level)} is not one of ${SEVERITIES.join(', ')}`);
    severities.set(id, level);
  }
  for (const id of config.disable ?? []) {
    if (!ids.has(id)) throw new Error(`disable: no rule ${id} (see: cdk8s-jobs rules)`);
  }
  return { rules, severities, disable: [...disable] };
}

/** A profile by its name (`pss-restricted`), for the CLI and the validation plugin. */
export function parseProfile(name: string): CheckProfile {
  if (!PROFILE_NAMES.includes(name)) throw new Error(`${JSON.stringify(name)} is not one of ${PROFILE_NAMES.join(', ')}`);
  return name as CheckProfile;
}

/** `JOB202=error` pairs, for the CLI. */
export function parseSeverities(pairs: readonly string[]): Record<string, RuleSeverity> {
  const result: Record<string, RuleSeverity> = {};
  for (const pair of pairs.flatMap(p => p.split(',')).map(p => p.trim()).filter(p => p !== '')) {
    const [id, level] = pair.split('=');
    if (level === undefined || !SEVERITIES.includes(level)) throw new Error(`${JSON.stringify(pair)}: give RULE=LEVEL, the level one of ${SEVERITIES.join(', ')}`);
    result[id] = level as RuleSeverity;
  }
  return result;
}

/**
 * The rules a JavaScript module exports, as `rules` (an array) or as its default export (an array): the form of
 * `--rules ./my-rules.js` and of the validation plugin's `rules` property. Paths are relative to `cwd`.
 */
export function loadRuleModule(file: string, cwd = process.cwd()): IJobRule[] {
  const resolved = path.resolve(cwd, file);
  let loaded: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(resolved);
  } catch (error) {
    throw new Error(`${file}: cannot load: ${(error as Error).message.split('\n')[0]}`);
  }
  const rules = [loaded?.rules, loaded?.default, loaded].find(candidate => Array.isArray(candidate));
  if (rules === undefined) throw new Error(`${file}: export the rules as an array, \`module.exports = { rules: [...] }\``);
  return rules.map((rule: unknown, i: number) => validateRule(rule, `${file}: rules[${i}]`));
}

const ID = /^[A-Z][A-Z0-9_-]{1,31}$/;

/** A rule of the user's, checked for the shape the engine relies on. */
function validateRule(rule: any, where: string): IJobRule {
  const fail = (message: string) => new Error(`${where}${typeof rule?.id === 'string' ? ` (${rule.id})` : ''}: ${message}`);
  if (rule === null || typeof rule !== 'object') throw fail('a rule is an object with id, name, category, severity, summary, explanation, fix, source and check');
  if (typeof rule.id !== 'string' || !ID.test(rule.id)) throw fail(`id ${JSON.stringify(rule.id)}: uppercase letters, digits, "-" or "_", 2 to 32 characters`);
  if (/^JOB\d{3}$/.test(rule.id)) throw fail('ids JOB000 to JOB999 belong to the built-in rules; use a prefix of your own');
  for (const field of ['name', 'summary', 'explanation', 'fix', 'source']) {
    if (typeof rule[field] !== 'string' || rule[field].trim() === '') throw fail(`${field}: a non-empty string is required`);
  }
  if (!CATEGORIES.includes(rule.category)) throw fail(`category ${JSON.stringify(rule.category)} is not one of ${CATEGORIES.join(', ')}`);
  if (!SEVERITIES.includes(rule.severity)) throw fail(`severity ${JSON.stringify(rule.severity)} is not one of ${SEVERITIES.join(', ')}`);
  if (typeof rule.check !== 'function') throw fail('check: a function (job, context) => violations is required');
  return rule as IJobRule;
}
