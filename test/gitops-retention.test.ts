import { Chart, Duration, Testing } from 'cdk8s';
import { DeployHook, DeploymentTool, IndexedJob, JobSettings, ShardedMigration } from '../src';
import { jobOf, synthValid } from './util';
import { checkJob } from '../src/checks/engine';

/**
 * What each deployment tool does with the rendered objects, as a small model, and how often a Job runs under it:
 * the TTL controller deletes a finished Job `ttlSecondsAfterFinished` after it finished; the tool then re-applies
 * what it tracks and finds missing, and a re-created Job runs again.
 *
 * - Argo CD (auto-sync, every 3 minutes): re-creates a missing tracked resource. Hooks (`argocd.argoproj.io/hook`,
 *   and `helm.sh/hook`, which Argo CD maps to its own) are not tracked: they run when a sync runs them, not when missing.
 * - Flux (kustomize-controller, every 10 minutes): re-applies every object of the Kustomization; it runs no hooks.
 * - Helm (`helm upgrade`, here daily): re-creates a missing release resource; hooks are not release resources.
 * - One-off (`kubectl create` once): nothing re-applies.
 */
interface Tool {
  readonly interval: number;
  tracks(annotations: Record<string, string>): boolean;
}

const MINUTE = 60;
const TOOLS: Record<DeploymentTool, Tool> = {
  [DeploymentTool.ARGO_CD]: { interval: 3 * MINUTE, tracks: a => a['argocd.argoproj.io/hook'] === undefined && a['helm.sh/hook'] === undefined },
  [DeploymentTool.FLUX]: { interval: 10 * MINUTE, tracks: () => true },
  [DeploymentTool.HELM]: { interval: 24 * 60 * MINUTE, tracks: a => a['helm.sh/hook'] === undefined },
  [DeploymentTool.ONE_OFF]: { interval: Infinity, tracks: () => false },
};

/** How many times the Job runs over `days`, each run taking `runSeconds`. */
function runsUnder(tool: Tool, job: any, days = 3, runSeconds = 5 * MINUTE): number {
  const annotations = job.metadata.annotations ?? {};
  const ttl: number | undefined = job.spec.ttlSecondsAfterFinished;
  let runs = 1;
  let deletedAt = ttl === undefined ? Infinity : runSeconds + ttl;
  for (let now = tool.interval; now <= days * 24 * 60 * MINUTE; now += tool.interval) {
    if (now >= deletedAt && tool.tracks(annotations)) {
      runs++;
      deletedAt = ttl === undefined ? Infinity : now + runSeconds + ttl;
    }
  }
  return runs;
}

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3', securityContext: { user: 10001 } };

function render(tool: DeploymentTool | undefined, build: (chart: Chart) => void): any {
  const app = Testing.app();
  if (tool) JobSettings.apply(app, { deploymentTool: tool });
  const chart = new Chart(app, 'c');
  build(chart);
  return jobOf(synthValid(chart));
}

const tracked = (chart: Chart) => new IndexedJob(chart, 'job', { completions: 2, containers: [worker] });
const hook = (chart: Chart) => new ShardedMigration(chart, 'job', {
  shards: 2, activeDeadline: Duration.hours(1), container: worker, hooks: [DeployHook.argoCdPreSync(), DeployHook.helmPreInstallAndUpgrade()],
});

describe.each(Object.values(DeploymentTool))('with the safe defaults, under %s', tool => {
  test('a tracked Job runs once', () => {
    expect(runsUnder(TOOLS[tool], render(tool, tracked))).toBe(1);
  });

  test('a hook Job runs once', () => {
    expect(runsUnder(TOOLS[tool], render(tool, hook))).toBe(1);
  });
});

test('no tool named: the defaults hold under Argo CD and Flux alike', () => {
  for (const build of [tracked, hook]) {
    const job = render(undefined, build);
    for (const tool of [DeploymentTool.ARGO_CD, DeploymentTool.FLUX]) expect(runsUnder(TOOLS[tool], job)).toBe(1);
  }
  // the unnamed tool may be Flux, which re-applies hooks too: no TTL even there (the hook-delete-policy cleans up)
  expect(render(undefined, hook).spec.ttlSecondsAfterFinished).toBeUndefined();
  expect(render(DeploymentTool.ARGO_CD, hook).spec.ttlSecondsAfterFinished).toBe(86400);
  expect(render(undefined, tracked).spec.ttlSecondsAfterFinished).toBeUndefined();
  expect(render(DeploymentTool.FLUX, hook).spec.ttlSecondsAfterFinished).toBeUndefined();
  expect(render(DeploymentTool.ONE_OFF, tracked).spec.ttlSecondsAfterFinished).toBe(86400);
});

test('a TTL the user writes on a tracked Job wins, re-runs under a GitOps tool, and the checker says so (JOB207)', () => {
  const job = render(DeploymentTool.ARGO_CD, chart => new IndexedJob(chart, 'job', { completions: 2, containers: [worker], ttlAfterFinished: Duration.hours(1) }));
  expect(job.spec.ttlSecondsAfterFinished).toBe(3600);
  expect(runsUnder(TOOLS[DeploymentTool.ARGO_CD], job)).toBeGreaterThan(60);
  expect(runsUnder(TOOLS[DeploymentTool.FLUX], job)).toBeGreaterThan(60);
  const findings = checkJob(job, { deployment: DeploymentTool.ARGO_CD }).filter(f => f.ruleId === 'JOB207');
  expect(findings.map(f => f.message)).toEqual([
    'spec.ttlSecondsAfterFinished is set on a Job that Argo CD tracks: once the TTL deletes it, auto-sync re-creates it and it runs again',
  ]);
});

describe('the TTL defaults never trip the TTL rules, for any tool and any construct, as a hook or not', () => {
  const builds: Record<string, (chart: Chart, hooked: boolean) => void> = {
    IndexedJob: (chart, hooked) => new IndexedJob(chart, 'job', {
      completions: 2, containers: [worker], metadata: hooked ? { annotations: DeployHook.argoCdPreSync().annotations } : undefined,
    }),
    ShardedMigration: (chart, hooked) => new ShardedMigration(chart, 'job', {
      shards: 2, activeDeadline: Duration.hours(1), container: worker, hooks: hooked ? [DeployHook.helmPreInstallAndUpgrade()] : [],
    }),
  };
  const cases = Object.keys(builds).flatMap(name => [undefined, ...Object.values(DeploymentTool)].flatMap(tool =>
    [false, true].map(hooked => [name, tool ?? 'unnamed', hooked] as const)));
  test.each(cases)('%s under %s, hook %s', (name, tool, hooked) => {
    const deploymentTool = tool === 'unnamed' ? undefined : tool;
    const job = render(deploymentTool, chart => builds[name](chart, hooked));
    const findings = checkJob(job, { deployment: deploymentTool ?? 'GitOps' }).filter(f => ['JOB203', 'JOB207'].includes(f.ruleId));
    expect(findings).toEqual([]);
  });
});
