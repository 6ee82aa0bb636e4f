import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { BASE_JOB, fixtureDocument } from './fixture-job';
import { findJobs } from '../../src/checks/documents';
import { checkJob, checkTarget, isBlocking } from '../../src/checks/engine';
import { ALL_RULES } from '../../src/checks/registry';
import { JobRule, RuleCategory, RuleSeverity } from '../../src/checks/rule';
import type { Deployment } from '../../src/internal/deployment';
import { KubeVersion } from '../../src/kube-version';

const RULES_DIR = path.join(__dirname, '../../src/checks/rules');

interface FixtureCase {
  readonly name: string;
  readonly job: any;
  readonly cronJob?: any;
  readonly kubeVersion?: string;
  readonly deployment?: Deployment;
  /** The findings, each with its fix when the fixture names one (a violation's own fix, where the rule's does not fit). */
  readonly findings?: Array<{ path: string; message: string; fix?: string }>;
}

function loadFixtures(rule: JobRule): { compliant: FixtureCase[]; noncompliant: FixtureCase[] } {
  const file = path.join(RULES_DIR, `${rule.name}.fixtures.yaml`);
  return yaml.load(readFileSync(file, 'utf8')) as any;
}

function findingsOf(rule: JobRule, fixture: FixtureCase) {
  const document = fixtureDocument(fixture);
  const kubeVersion = fixture.kubeVersion ? KubeVersion.of(fixture.kubeVersion) : undefined;
  return findJobs(document).flatMap(target => checkTarget(target, { kubeVersion, rules: [rule], deployment: fixture.deployment }))
    .map((f, i) => (fixture.findings?.[i]?.fix !== undefined
      ? { path: f.path, message: f.message, fix: f.fix }
      : { path: f.path, message: f.message }));
}

test('the base fixture Job passes every api and semantics rule', () => {
  expect(checkJob(BASE_JOB).filter(isBlocking)).toEqual([]);
});

test('every rule file has a fixture file and a registry entry', () => {
  const ruleFiles = readdirSync(RULES_DIR).filter(f => f.endsWith('.ts')).map(f => f.replace(/\.ts$/, '')).sort();
  const fixtureFiles = readdirSync(RULES_DIR).filter(f => f.endsWith('.fixtures.yaml')).map(f => f.replace(/\.fixtures\.yaml$/, '')).sort();
  expect(fixtureFiles).toEqual(ruleFiles);
  expect(ALL_RULES.map(r => r.name).sort()).toEqual(ruleFiles);
});

test('rule ids are unique and documented', () => {
  expect(new Set(ALL_RULES.map(r => r.id)).size).toBe(ALL_RULES.length);
  for (const rule of ALL_RULES) {
    expect(rule.id).toMatch(/^JOB\d{3}$/);
    for (const text of [rule.summary, rule.explanation, rule.fix, rule.source]) {
      expect(text.length).toBeGreaterThan(10);
    }
  }
});

describe.each(ALL_RULES.map(rule => [`${rule.id} ${rule.name}`, rule] as const))('%s', (_title, rule) => {
  const fixtures = loadFixtures(rule);

  test('has compliant and non-compliant fixtures', () => {
    expect(fixtures.compliant.length).toBeGreaterThan(0);
    expect(fixtures.noncompliant.length).toBeGreaterThan(0);
  });

  test.each(fixtures.compliant.map(f => [f.name, f] as const))('compliant: %s', (_name, fixture) => {
    expect(findingsOf(rule, fixture)).toEqual([]);
  });

  test.each(fixtures.noncompliant.map(f => [f.name, f] as const))('non-compliant: %s', (_name, fixture) => {
    expect(findingsOf(rule, fixture)).toEqual(fixture.findings);
  });
});

test('a rule that throws is reported as an error (a checker fault) on that Job, not a crash and never a pass', () => {
  const broken: JobRule = {
    id: 'JOB999',
    name: 'broken',
    category: RuleCategory.API,
    severity: RuleSeverity.ERROR,
    summary: 's',
    explanation: 'e',
    fix: 'f',
    source: 's',
    check: () => { throw new Error('boom'); },
  };
  expect(checkJob(BASE_JOB, { rules: [broken] })).toEqual([expect.objectContaining({
    ruleId: 'JOB999',
    severity: RuleSeverity.ERROR,
    message: 'checker fault: rule JOB999 (broken) failed on this Job and was skipped: boom',
  })]);
});

test('malformed documents do not crash any rule', () => {
  for (const job of [null, 'text', 42, [], { spec: 'x' }, { spec: { template: 'x' } }, { metadata: 5, spec: { podFailurePolicy: { rules: 'x' } } }]) {
    const faults = checkJob(job).filter(f => f.message.startsWith('checker fault'));
    expect(faults).toEqual([]);
  }
});
