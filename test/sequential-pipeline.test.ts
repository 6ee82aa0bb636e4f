import { execFileSync } from 'child_process';
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { PipelineStep, PipelineStrategy, SequentialPipeline, SequentialPipelineProps } from '../src';
import { kubeletExpand } from './kubelet-expansion';
import { jobOf, newChart, synthValid } from './util';
import { checkJob } from '../src/checks/engine';

const image = 'registry.example.com/etl:3.1.0';
const steps: PipelineStep[] = [
  { name: 'extract', command: ['etl', 'extract'] },
  { name: 'transform', command: ['etl', 'transform'], args: ['--fast'] },
  { name: 'load', command: ['etl', 'load'] },
];

function pipeline(props: SequentialPipelineProps = {}) {
  const chart = newChart();
  const construct = new SequentialPipeline(chart, 'etl', { image, steps, ...props });
  return { construct, job: jobOf(synthValid(chart)) };
}

describe('SequentialPipeline, single pod', () => {
  test('matches the snapshot', () => {
    expect(pipeline().job).toMatchSnapshot();
  });

  test('every step but the last is an init container, in order; the last is the container', () => {
    const pod = pipeline().job.spec.template.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['extract', 'transform']);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['load']);
    expect(pod.initContainers[1].args).toEqual(['--fast']);
  });

  test('each step knows its number and name, and shares the workspace', () => {
    const pod = pipeline().job.spec.template.spec;
    expect(pod.initContainers[1].env).toEqual([{ name: 'PIPELINE_STEP', value: '1' }, { name: 'PIPELINE_STEP_NAME', value: 'transform' }]);
    for (const c of [...pod.initContainers, ...pod.containers]) expect(c.volumeMounts).toEqual([{ name: 'workspace', mountPath: '/workspace' }]);
    expect(pod.volumes).toEqual([{ name: 'workspace', emptyDir: {} }]);
  });

  test('the retry policy is explicit: no retries unless asked', () => {
    const { construct, job } = pipeline();
    expect(job.spec.backoffLimit).toBe(0);
    expect(construct.backoffLimit).toBe(0);
    expect(job.spec.completionMode).toBeUndefined();
    expect(pipeline({ backoffLimit: 2 }).job.spec.backoffLimit).toBe(2);
  });

  test('steps can be added after construction', () => {
    const chart = newChart();
    const p = new SequentialPipeline(chart, 'etl', { image });
    p.addStep(steps[0]);
    p.addStep(steps[2]);
    expect(jobOf(synthValid(chart)).spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['extract']);
  });
});

describe('SequentialPipeline, indexed', () => {
  const indexed = (props: SequentialPipelineProps = {}) => pipeline({ strategy: PipelineStrategy.INDEXED, ...props });

  test('matches the snapshot', () => {
    expect(indexed().job).toMatchSnapshot();
  });

  test('an Indexed Job, one step at a time, with no per-index budget that would let later steps run after a failure', () => {
    const { job } = indexed();
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 1, backoffLimit: 0 });
    expect(job.spec.backoffLimitPerIndex).toBeUndefined();
    expect(job.spec.maxFailedIndexes).toBeUndefined();
    expect(job.spec.template.spec.containers[0].env.map((e: any) => e.name)).toEqual(['JOB_COMPLETION_INDEX', 'PIPELINE_STEP']);
    expect(checkJob(job).map(f => f.ruleId)).not.toContain('JOB108');
  });

  test.each(['sh', 'bash'])('the dispatch script runs exactly the step of each index, in %s', shell => {
    const hostile: PipelineStep[] = [
      { name: 'quote', command: ['printf', '%s|', 'it\'s', '$HOME', '$(JOB_COMPLETION_INDEX)'] },
      { name: 'space', command: ['printf', '%s|'], args: ['a b', '', '`id`', 'back\\slash\nnewline'], envVariables: { MODE: kplus.EnvValue.fromValue('fast $x') } },
      { name: 'env', command: ['sh', '-c', 'printf "%s|%s|%s" "$PIPELINE_STEP_NAME" "$MODE" "$PIPELINE_STEP"'], envVariables: { MODE: kplus.EnvValue.fromValue('a\'b') } },
    ];
    const job = pipeline({ strategy: PipelineStrategy.INDEXED, steps: hostile }).job;
    const [, flag, script] = job.spec.template.spec.containers[0].command;
    const run = (index: number) => {
      const env = { JOB_COMPLETION_INDEX: String(index), PIPELINE_STEP: String(index) };
      return execFileSync(shell, [flag, kubeletExpand(script, env)], { env: { ...env, PATH: process.env.PATH }, encoding: 'utf8' });
    };
    expect(run(0)).toBe('it\'s|$HOME|$(JOB_COMPLETION_INDEX)|');
    expect(run(1)).toBe('a b||`id`|back\\slash\nnewline|');
    expect(run(2)).toBe('env|a\'b|2');
    expect(() => execFileSync(shell, [flag, kubeletExpand(script, { JOB_COMPLETION_INDEX: '3' })], { env: { JOB_COMPLETION_INDEX: '3', PATH: process.env.PATH }, stdio: 'pipe' })).toThrow();
  });

  test('a workspace volume is mounted when given (steps are separate pods, so it must be real storage)', () => {
    const chart = newChart();
    const claim = kplus.Volume.fromPersistentVolumeClaim(chart, 'data', kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim', 'etl'));
    new SequentialPipeline(chart, 'etl', { strategy: PipelineStrategy.INDEXED, image, steps, workspace: claim });
    const pod = jobOf(synthValid(chart)).spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'pvc-etl', persistentVolumeClaim: { claimName: 'etl', readOnly: false } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'pvc-etl', mountPath: '/workspace' }]);
  });
});

describe('SequentialPipeline refuses', () => {
  test('fails with an empty pipeline at synth', () => {
    const chart = newChart();
    new SequentialPipeline(chart, 'etl', { image, activeDeadline: Duration.minutes(5) });
    expect(() => synthValid(chart)).toThrow('[test/etl] SequentialPipeline has no steps; give steps or call addStep()');
  });

  test('fails with duplicate or invalid step names and empty commands', () => {
    const p = new SequentialPipeline(newChart(), 'etl', { image, steps: [steps[0]] });
    expect(() => p.addStep(steps[0])).toThrow('test/etl: step name "extract" is used twice; step names must be unique');
    expect(() => p.addStep({ name: 'Load_Data', command: ['x'] })).toThrow('test/etl: step name "Load_Data" is not a DNS label (lowercase alphanumerics and "-", at most 63)');
    expect(() => p.addStep({ name: 'empty', command: [] })).toThrow('test/etl: step "empty" has an empty command');
  });

  test('fails with INDEXED and no image, a step image, or a secret step env', () => {
    expect(() => new SequentialPipeline(newChart(), 'etl', { strategy: PipelineStrategy.INDEXED }))
      .toThrow('test/etl: the INDEXED strategy runs every step in one image; set image');
    const chart = newChart();
    const p = new SequentialPipeline(chart, 'etl', { strategy: PipelineStrategy.INDEXED, image });
    expect(() => p.addStep({ name: 'other', image: 'other:1', command: ['x'] }))
      .toThrow('test/etl: step "other" sets image "other:1", but INDEXED steps all run in "registry.example.com/etl:3.1.0"');
    const secret = kplus.Secret.fromSecretName(chart, 's', 's');
    expect(() => p.addStep({ name: 'secret', command: ['x'], envVariables: { TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: 'k' }) } }))
      .toThrow('test/etl: step "secret" env TOKEN: INDEXED steps take only literal env values with shell variable names');
  });

  test('fails with a single-pod step that has no image', () => {
    expect(() => new SequentialPipeline(newChart(), 'etl', { steps: [{ name: 'a', command: ['x'] }] }))
      .toThrow('test/etl: step "a" has no image and the pipeline sets none');
  });
});

test('with requests and a deadline, both strategies get no finding from any rule', () => {
  const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(64) } };
  const clean = steps.map(s => ({ ...s, securityContext: { user: 10001 }, resources }));
  for (const strategy of [PipelineStrategy.SINGLE_POD, PipelineStrategy.INDEXED]) {
    expect(checkJob(pipeline({ strategy, steps: clean, activeDeadline: Duration.hours(1) }).job, { deployment: 'GitOps' })).toEqual([]);
  }
});

test('INDEXED steps share one container: its securityContext is the steps\' one, and two different ones are refused', () => {
  const job = pipeline({ strategy: PipelineStrategy.INDEXED, steps: steps.map(s => ({ ...s, securityContext: { user: 10001 } })) }).job;
  expect(job.spec.template.spec.containers[0].securityContext).toMatchObject({ runAsUser: 10001, runAsNonRoot: true });
  const differing = [{ ...steps[0], securityContext: { user: 1 } }, { ...steps[1], securityContext: { user: 2 } }];
  expect(() => pipeline({ strategy: PipelineStrategy.INDEXED, steps: differing }))
    .toThrow('sets securityContext {"user":2}, but INDEXED steps share one container, whose securityContext is {"user":1} (from an earlier step)');
});
