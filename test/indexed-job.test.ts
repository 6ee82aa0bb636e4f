import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ExitCodeOperator, IndexedJob, JobRestartPolicy, JobSettings, KubeVersion, PodFailurePolicyAction,
  PodConditionStatus, PodFailurePolicyRule, PodReplacementPolicy, WorkItems,
} from '../src';
import { jobOf, newChart, synthValid } from './util';
import { checkJob } from '../src/checks/engine';

const worker = { name: 'worker', image: 'registry.example.com/worker:1.2.3' };

function synthJob(props: ConstructorParameters<typeof IndexedJob>[2], chart: Chart = newChart()) {
  new IndexedJob(chart, 'job', props);
  return jobOf(synthValid(chart));
}

describe('IndexedJob with safe defaults', () => {
  test('matches the snapshot', () => {
    const chart = newChart();
    new IndexedJob(chart, 'job', { completions: 5, parallelism: 2, containers: [worker] });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('renders every safe default explicitly', () => {
    const spec = synthJob({ completions: 5, containers: [worker] }).spec;
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.completions).toBe(5);
    expect(spec.backoffLimitPerIndex).toBe(1);
    // with a per-index budget, the Job-wide limit must not cap the indexes (Kubernetes defaults it to MaxInt32 too)
    expect(spec.backoffLimit).toBe(2147483647);
    expect(spec.podFailurePolicy).toEqual({ rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] });
    expect(spec.podReplacementPolicy).toBe('Failed');
    // a GitOps tool re-creates a Job a TTL deleted: tracked Jobs keep no TTL (DeploymentTool)
    expect(spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(spec.template.spec.restartPolicy).toBe('Never');
    expect(spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('with a deadline, requests and a pinned image, no rule of any category finds anything', () => {
    const job = synthJob({
      completions: 4,
      activeDeadline: Duration.hours(1),
      containers: [{
        ...worker,
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(128) } },
      }],
    });
    expect(checkJob(job, { deployment: 'GitOps' })).toEqual([]);
  });

  test('exposes the effective defaults on the construct', () => {
    const job = new IndexedJob(newChart(), 'job', { completions: 2, containers: [worker] });
    expect(job.backoffLimitPerIndex).toBe(1);
    expect(job.backoffLimit).toBe(2147483647);
    expect(job.podReplacementPolicy).toBe(PodReplacementPolicy.FAILED);
    expect(job.ttlAfterFinished).toBeUndefined();
    expect(job.restartPolicy).toBe(JobRestartPolicy.NEVER);
    expect(job.automountServiceAccountToken).toBe(false);
    expect(job.safeDefaults).toBe(true);
    expect(job.kubeVersion).toBe(KubeVersion.V1_34);
  });

  test('gives every container and init container the restricted security context', () => {
    const pod = synthJob({ completions: 1, containers: [worker], initContainers: [{ name: 'prepare', image: 'busybox:1.37' }] }).spec.template.spec;
    const restricted = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
    expect(pod.containers[0].securityContext).toEqual(restricted);
    expect(pod.initContainers[0].securityContext).toEqual(restricted);
  });

  test('keeps security fields a container sets itself', () => {
    const pod = synthJob({
      completions: 1,
      containers: [{ ...worker, securityContext: { user: 10001, readOnlyRootFilesystem: true } }],
    }).spec.template.spec;
    expect(pod.containers[0].securityContext).toEqual({
      runAsUser: 10001,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('declares JOB_COMPLETION_INDEX first in every container, from the annotation', () => {
    const pod = synthJob({
      completions: 2,
      containers: [{ ...worker, envVariables: { INPUT: kplus.EnvValue.fromValue('/data/$(JOB_COMPLETION_INDEX)') } }],
      initContainers: [{ name: 'prepare', image: 'busybox:1.37' }],
    }).spec.template.spec;
    const indexEnv = {
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    };
    expect(pod.containers[0].env).toEqual([indexEnv, { name: 'INPUT', value: '/data/$(JOB_COMPLETION_INDEX)' }]);
    expect(pod.initContainers[0].env).toEqual([indexEnv]);
  });

  test('adds no field that was not asked for: no cdk8s-plus resources, pull policy, probes or pod defaults', () => {
    const pod = synthJob({ completions: 1, containers: [{ ...worker, portNumber: 8080 }] }).spec.template.spec;
    expect(Object.keys(pod).sort()).toEqual(['automountServiceAccountToken', 'containers', 'restartPolicy']);
    expect(Object.keys(pod.containers[0]).sort()).toEqual(['env', 'image', 'name', 'ports', 'securityContext']);
  });

  test('Ignore-disruptions rule comes first, before the user rules', () => {
    const spec = synthJob({
      completions: 3,
      containers: [worker],
      podFailurePolicy: [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_INDEX, { values: [42, 3, 42], containerName: 'worker' })],
    }).spec;
    expect(spec.podFailurePolicy.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailIndex', onExitCodes: { containerName: 'worker', operator: 'In', values: [3, 42] } },
    ]);
  });

  test('leaves out its disruption rule when the user has one for DisruptionTarget', () => {
    const spec = synthJob({
      completions: 1,
      containers: [worker],
      podFailurePolicy: [PodFailurePolicyRule.onPodConditions(PodFailurePolicyAction.COUNT, [{ type: 'DisruptionTarget' }])],
    }).spec;
    // a status the user did not write is not written (the API server reads it as True)
    expect(spec.podFailurePolicy.rules).toEqual([{ action: 'Count', onPodConditions: [{ type: 'DisruptionTarget' }] }]);
  });

  test('a DisruptionTarget rule for status False or Unknown does not replace the disruption rule', () => {
    const unknown = PodFailurePolicyRule.onPodConditions(PodFailurePolicyAction.COUNT, [{ type: 'DisruptionTarget', status: PodConditionStatus.UNKNOWN }]);
    const spec = synthJob({ completions: 1, containers: [worker], podFailurePolicy: [unknown] }).spec;
    expect(spec.podFailurePolicy.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'Count', onPodConditions: [{ type: 'DisruptionTarget', status: 'Unknown' }] },
    ]);
  });

  test('with restartPolicy OnFailure, drops the defaults that require Never', () => {
    const spec = synthJob({ completions: 2, containers: [worker], restartPolicy: JobRestartPolicy.ON_FAILURE }).spec;
    expect(spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(spec.podFailurePolicy).toBeUndefined();
    expect(spec.backoffLimitPerIndex).toBeUndefined();
    expect(spec.backoffLimit).toBe(6);
    expect(spec.podReplacementPolicy).toBe('Failed');
  });

  test('names the Job after a hash of its whole spec, pod template included', () => {
    const name = (image: string) => synthJob({ completions: 2, containers: [{ ...worker, image }] }).metadata.name;
    expect(name('worker:1')).toMatch(/^test-job-[0-9a-f]{8}$/);
    expect(name('worker:1')).toBe(name('worker:1'));
    expect(name('worker:1')).not.toBe(name('worker:2'));
    const userNamed = synthJob({ metadata: { name: 'reindex' }, completions: 2, containers: [worker] });
    expect(userNamed.metadata.name).toMatch(/^reindex-[0-9a-f]{8}$/);
  });

  test('the name getter returns the synthesized name', () => {
    const chart = newChart();
    const job = new IndexedJob(chart, 'job', { completions: 2, containers: [worker] });
    expect(job.name).toBe(Testing.synth(chart)[0].metadata.name);
  });

  test('shortens a derived name so the hash and the highest index fit in a DNS label', () => {
    const chart = new Chart(Testing.app(), 'a-chart-with-a-rather-long-name-for-its-jobs');
    const job = new IndexedJob(chart, 'nightly-reindex-of-every-customer-table', { completions: 1000, containers: [worker] });
    const name = jobOf(synthValid(chart)).metadata.name;
    expect(`${name}-999`.length).toBeLessThanOrEqual(63);
    expect(job.name).toBe(name);
  });

  test('synthesizes byte-identical YAML for the same app', () => {
    const build = () => {
      const app = Testing.app();
      new IndexedJob(new Chart(app, 'c'), 'job', { workItems: WorkItems.fromList(['a', 'b']), containers: [worker] });
      return app.synthYaml();
    };
    expect(build()).toEqual(build());
  });
});

describe('IndexedJob fields', () => {
  test('every batch/v1 Job field arrives in the manifest', () => {
    const job = synthJob({
      metadata: { name: 'all-fields', labels: { team: 'data' }, annotations: { owner: 'data' } },
      completions: 10,
      parallelism: 4,
      backoffLimit: 3,
      backoffLimitPerIndex: 2,
      maxFailedIndexes: 5,
      podFailurePolicy: [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_JOB, { operator: ExitCodeOperator.NOT_IN, values: [0, 1] })],
      successPolicy: [{ succeededIndexes: '0-4', succeededCount: 3 }],
      podReplacementPolicy: PodReplacementPolicy.FAILED,
      activeDeadline: Duration.hours(2),
      ttlAfterFinished: Duration.hours(6),
      suspend: true,
      managedBy: 'kueue.x-k8s.io/multikueue',
      podLabels: { app: 'reindex' },
      podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' },
      terminationGracePeriod: Duration.seconds(90),
      nodeSelector: { pool: 'batch' },
      priorityClassName: 'batch-low',
      podSecurityContext: { fsGroup: 2000 },
      containers: [worker],
    });
    expect(job.metadata.labels).toEqual({ team: 'data' });
    expect(job.metadata.annotations).toEqual({ owner: 'data' });
    const spec = job.spec;
    expect(spec).toMatchObject({
      parallelism: 4,
      backoffLimit: 3,
      backoffLimitPerIndex: 2,
      maxFailedIndexes: 5,
      successPolicy: { rules: [{ succeededIndexes: '0-4', succeededCount: 3 }] },
      podReplacementPolicy: 'Failed',
      activeDeadlineSeconds: 7200,
      ttlSecondsAfterFinished: 21600,
      suspend: true,
      managedBy: 'kueue.x-k8s.io/multikueue',
    });
    expect(spec.podFailurePolicy.rules[1]).toEqual({ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0, 1] } });
    expect(spec.template.metadata).toEqual({ labels: { app: 'reindex' }, annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } });
    expect(spec.template.spec).toMatchObject({
      terminationGracePeriodSeconds: 90,
      nodeSelector: { pool: 'batch' },
      priorityClassName: 'batch-low',
      securityContext: { fsGroup: 2000 },
    });
  });

  test('containers, volumes and env use the cdk8s-plus types, also after construction', () => {
    const chart = newChart();
    const job = new IndexedJob(chart, 'job', { completions: 2 });
    const secret = kplus.Secret.fromSecretName(chart, 'db', 'db-credentials');
    const container = job.addContainer({
      ...worker,
      envVariables: { DATABASE_URL: kplus.EnvValue.fromSecretValue({ secret, key: 'url' }) },
      resources: { memory: { request: Size.mebibytes(256) } },
    });
    container.mount('/scratch', kplus.Volume.fromEmptyDir(chart, 'scratch', 'scratch'));
    job.addVolume(kplus.Volume.fromConfigMap(chart, 'cfg', kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'settings'), { name: 'settings' }));
    job.addInitContainer({ name: 'wait', image: 'busybox:1.37', command: ['sleep', '1'] });
    const pod = jobOf(synthValid(chart)).spec.template.spec;
    expect(pod.containers[0].env[1]).toEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'url' } } });
    expect(pod.containers[0].resources).toEqual({ requests: { memory: '256Mi' } });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'scratch', mountPath: '/scratch' }]);
    expect(pod.volumes).toEqual([{ name: 'settings', configMap: { name: 'settings' } }, { name: 'scratch', emptyDir: {} }]);
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait']);
  });

  test('the index also under a name of your choice, and as a file', () => {
    const pod = synthJob({ completions: 3, containers: [worker], indexEnvName: 'SHARD_INDEX', indexFile: { path: '/etc/job/index' } }).spec.template.spec;
    expect(pod.containers[0].env[1]).toEqual({
      name: 'SHARD_INDEX',
      valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'job-completion-index', mountPath: '/etc/job' }]);
    expect(pod.volumes).toEqual([{
      name: 'job-completion-index',
      downwardAPI: { items: [{ path: 'index', fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } }] },
    }]);
  });

  test('peerService creates a headless Service selecting the Job\'s pods and sets the subdomain', () => {
    const chart = newChart();
    const job = new IndexedJob(chart, 'peers', { completions: 3, parallelism: 3, containers: [worker], peerService: true, peerServiceName: 'peers' });
    const manifests = synthValid(chart);
    const service = manifests.find(m => m.kind === 'Service');
    expect(service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'peers' },
      spec: { clusterIP: 'None', selector: { 'job-name': job.name } },
    });
    const pod = jobOf(manifests).spec.template.spec;
    expect(pod.subdomain).toBe('peers');
    expect(pod.containers[0].env[1]).toEqual({ name: 'JOB_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } } });
  });

  test('the derived peer Service name is a DNS-1035 label even under a chart id that starts with a digit', () => {
    const chart = new Chart(Testing.app(), '1-batch');
    new IndexedJob(chart, 'peers', { completions: 2, containers: [worker], peerService: true });
    const manifests = synthValid(chart);
    const name = manifests.find(m => m.kind === 'Service').metadata.name;
    expect(name).toMatch(/^svc-1-batch-peers-peerservice-[0-9a-f]{8}$/);
    expect(jobOf(manifests).spec.template.spec.subdomain).toBe(name);
  });

  test('a JSON patch on apiObject reaches the manifest (escape hatch)', () => {
    const chart = newChart();
    const job = new IndexedJob(chart, 'job', { completions: 1, containers: [worker] });
    job.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/hostUsers', false));
    expect(jobOf(synthValid(chart)).spec.template.spec.hostUsers).toBe(false);
    expect(ApiObject.of(job)).toBe(job.apiObject);
  });
});

describe('IndexedJob without safe defaults', () => {
  test('holds only what was written', () => {
    const job = synthJob({ safeDefaults: false, metadata: { name: 'plain' }, completions: 2, containers: [worker] });
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'plain' },
      spec: {
        completionMode: 'Indexed',
        completions: 2,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'worker', image: 'registry.example.com/worker:1.2.3' }] } },
      },
    });
  });

  test('can be switched off for a whole app in one line', () => {
    const app = Testing.app();
    JobSettings.apply(app, { safeDefaults: false, kubeVersion: KubeVersion.V1_31 });
    const chart = new Chart(app, 'c');
    const job = new IndexedJob(chart, 'job', { completions: 2, containers: [worker] });
    expect(job.safeDefaults).toBe(false);
    expect(job.kubeVersion.toString()).toBe('1.31');
    expect(jobOf(synthValid(chart)).spec.backoffLimit).toBeUndefined();
  });

  test('a construct\'s own setting wins over the app\'s', () => {
    const app = Testing.app();
    JobSettings.apply(app, { safeDefaults: false });
    const job = new IndexedJob(new Chart(app, 'c'), 'job', { completions: 2, containers: [worker], safeDefaults: true });
    expect(job.safeDefaults).toBe(true);
  });
});

describe('IndexedJob refuses bad input', () => {
  const expectSynthError = (props: ConstructorParameters<typeof IndexedJob>[2], message: string, settings?: { kubeVersion: KubeVersion }) => {
    const app = Testing.app();
    if (settings) JobSettings.apply(app, settings);
    const chart = new Chart(app, 'c');
    new IndexedJob(chart, 'job', { containers: [worker], ...props });
    expect(() => app.synth()).toThrow(`Validation failed with the following errors:\n  [c/job] ${message}`);
  };

  test('fails without completions or work items', () => {
    expect(() => new IndexedJob(newChart(), 'job', { containers: [worker] }))
      .toThrow('test/job: completions is not set; an IndexedJob needs completions (1 or more) or workItems');
  });

  test('fails with zero completions', () => {
    expectSynthError({ completions: 0 }, 'JOB100 spec.completions is 0: the Job completes at once without running a pod; use 1 or more');
  });

  test('fails with negative completions', () => {
    expectSynthError({ completions: -1, safeDefaults: false }, 'JOB003 spec.completions is -1; it must be greater than or equal to 0');
  });

  test('fails with fractional parallelism', () => {
    expectSynthError({ completions: 3, parallelism: 1.5 }, 'JOB003 spec.parallelism is 1.5; it must be a whole number');
  });

  test('fails with parallelism above 100000', () => {
    expectSynthError({ completions: 200000, parallelism: 100001, maxFailedIndexes: 10 },
      'JOB004 spec.parallelism is 100001; an Indexed Job allows at most 100000');
  });

  test('fails with maxFailedIndexes but no backoffLimitPerIndex', () => {
    expectSynthError({ completions: 3, maxFailedIndexes: 1, restartPolicy: JobRestartPolicy.ON_FAILURE },
      'JOB005 spec.backoffLimitPerIndex is not set; it is required when spec.maxFailedIndexes (1) is set');
  });

  test('fails with maxFailedIndexes above completions', () => {
    expectSynthError({ completions: 3, maxFailedIndexes: 4 },
      'JOB005 spec.maxFailedIndexes is 4; it must be less than or equal to spec.completions (3)');
  });

  test('fails with FailIndex but no backoffLimitPerIndex', () => {
    expectSynthError({
      completions: 3,
      safeDefaults: false,
      podFailurePolicy: [PodFailurePolicyRule.onExitCodes(PodFailurePolicyAction.FAIL_INDEX, { values: [1] })],
    }, 'JOB006 spec.podFailurePolicy.rules[0].action is "FailIndex", which requires spec.backoffLimitPerIndex to be set');
  });

  test('fails with a podFailurePolicy and OnFailure', () => {
    expectSynthError({
      completions: 3,
      restartPolicy: JobRestartPolicy.ON_FAILURE,
      podFailurePolicy: [PodFailurePolicyRule.ignoreDisruptions()],
    }, 'JOB001 spec.template.spec.restartPolicy is "OnFailure", but spec.podFailurePolicy is set and requires "Never"');
  });

  test('fails with a name over 63 characters', () => {
    const name = 'x'.repeat(64);
    expectSynthError({ completions: 1, metadata: { name }, contentHashName: false },
      `JOB002 metadata.name "${name}" is 64 characters; the API server copies it into the job-name label of the pod template `
      + '(spec.template.labels), which allows 63');
  });

  test('fails when the name and the highest index do not form a DNS label', () => {
    const app = Testing.app();
    const name = 'x'.repeat(52);
    new IndexedJob(new Chart(app, 'c'), 'job', { completions: 100, metadata: { name }, containers: [worker] });
    expect(() => app.synth()).toThrow(new RegExp(`\\[c/job\\] JOB002 metadata.name "${name}-[0-9a-f]{8}" with 100 completions gives the pod hostname "${name}-[0-9a-f]{8}-99", which is not a DNS label`));
  });

  test('fails with successPolicy indexes out of range', () => {
    expectSynthError({ completions: 3, successPolicy: [{ succeededIndexes: '0,5' }] },
      'JOB007 spec.successPolicy.rules[0].succeededIndexes is "0,5": index 5 is not below spec.completions (3)');
  });

  test('fails with a field newer than the target version', () => {
    expectSynthError({ completions: 3, managedBy: 'kueue.x-k8s.io/multikueue' },
      'JOB012 spec.managedBy needs Kubernetes 1.32 or newer (JobManagedBy: alpha 1.30 (off), beta 1.32, GA 1.35); the target is 1.31',
      { kubeVersion: KubeVersion.V1_31 });
  });

  test('safe defaults follow the target version: no per-index budget or replacement policy before 1.29', () => {
    const spec = synthJob({ completions: 3, containers: [worker], kubeVersion: KubeVersion.V1_28 }).spec;
    expect(spec.backoffLimitPerIndex).toBeUndefined();
    expect(spec.podReplacementPolicy).toBeUndefined();
    expect(spec.backoffLimit).toBe(6);
  });

  test('fails with per-index backoff on a version that does not serve it', () => {
    expectSynthError({ completions: 3, backoffLimitPerIndex: 1, kubeVersion: KubeVersion.V1_28 },
      'JOB012 spec.backoffLimitPerIndex needs Kubernetes 1.29 or newer (JobBackoffLimitPerIndex: alpha 1.28 (off), beta 1.29, GA 1.33); the target is 1.28');
  });

  test('fails when a container sets an env var the Job sets itself', () => {
    const chart = newChart();
    new IndexedJob(chart, 'job', { completions: 1, containers: [{ ...worker, envVariables: { JOB_COMPLETION_INDEX: kplus.EnvValue.fromValue('7') } }] });
    expect(() => Testing.synth(chart)).toThrow('test/job: container "worker" sets env JOB_COMPLETION_INDEX, which IndexedJob sets itself (from the downward API); remove it or rename it');
  });

  test('fails without containers', () => {
    const app = Testing.app();
    new IndexedJob(new Chart(app, 'c'), 'job', { completions: 1 });
    expect(() => app.synth()).toThrow('[c/job] JOB011 spec.template.spec.containers is empty; a pod needs at least one container');
  });

  test('fails with cdk8s-plus errors that name the construct path and the container', () => {
    const chart = newChart();
    expect(() => new IndexedJob(chart, 'job', { completions: 1, containers: [{ ...worker, ports: [{ number: 80, name: 'http' }, { number: 81, name: 'http' }] }] }))
      .toThrow('test/job: containers[0] (container "worker"): Port with name http already exists');
  });

  test('refuses a resource given as a string instead of dropping it', () => {
    const chart = newChart();
    expect(() => new IndexedJob(chart, 'job', { completions: 1, containers: [{ ...worker, resources: { cpu: { request: '500m' as any } } }] }))
      .toThrow('test/job: containers[0] (container "worker"): resources.cpu.request is "500m"; the cpu request must be a kplus.Cpu, such as kplus.Cpu.millis(500) or kplus.Cpu.units(1)');
  });

  test('fails with a bad env name from the rule that checks every Job, naming the construct path', () => {
    const app = Testing.app();
    new IndexedJob(new Chart(app, 'c'), 'job', { completions: 1, containers: [{ ...worker, envVariables: { 'A=B': kplus.EnvValue.fromValue('x') } }] });
    expect(() => app.synth()).toThrow('[c/job] JOB016 spec.template.spec.containers[0].env[1].name "A=B" is not a valid env var name: it must consist only of printable ASCII characters other than "="');
  });

  test('fails with an unknown Kubernetes version string', () => {
    expect(() => KubeVersion.of('2.0')).toThrow('kubernetes version must look like "1.34" and be 1.27 or newer, got "2.0"');
  });
});
