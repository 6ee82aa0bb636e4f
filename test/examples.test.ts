import { Testing } from 'cdk8s';
import { jobOf, synthValid } from './util';
import { IndexFileChart } from '../examples/index-file/main';
import { IndexedDemoChart } from '../examples/indexed-demo/main';
import { PodToPodChart } from '../examples/pod-to-pod/main';
import { WorkItemsRevChart } from '../examples/work-items-rev/main';
import { checkJob } from '../src/checks/engine';

const RESTRICTED = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

const examples = [
  ['indexed-demo', IndexedDemoChart],
  ['work-items-rev', WorkItemsRevChart],
  ['index-file', IndexFileChart],
  ['pod-to-pod', PodToPodChart],
] as const;

describe.each(examples)('examples/%s', (name, ChartClass) => {
  const manifests = () => synthValid(new ChartClass(Testing.app(), name));

  test('passes the schema and the checker, with the safe defaults on', () => {
    const job = jobOf(manifests());
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.podReplacementPolicy).toBe('Failed');
    expect(job.spec.ttlSecondsAfterFinished).toBe(86400);
    for (const container of [...job.spec.template.spec.containers, ...job.spec.template.spec.initContainers ?? []]) {
      expect(container.securityContext).toMatchObject(RESTRICTED);
    }
  });

  test('gets no finding from any rule: deadline, requests, pinned images, restricted security', () => {
    expect(checkJob(jobOf(manifests()))).toEqual([]);
  });

  test('matches the snapshot', () => {
    expect(manifests()).toMatchSnapshot();
  });
});

test('indexed-demo runs 5 indexes, 2 at a time, each logging its index', () => {
  const job = jobOf(synthValid(new IndexedDemoChart(Testing.app(), 'demo')));
  expect(job.spec).toMatchObject({ completions: 5, parallelism: 2 });
  expect(job.spec.template.spec.containers[0].command[2]).toContain('$JOB_COMPLETION_INDEX');
});

test('work-items-rev maps the five docs items to rev', () => {
  const job = jobOf(synthValid(new WorkItemsRevChart(Testing.app(), 'rev')));
  expect(job.spec.completions).toBe(5);
  const script = job.spec.template.spec.initContainers[0].command[2];
  for (const item of ['foo', 'bar', 'baz', 'qux', 'xyz']) expect(script).toContain(`'${item}'`);
  expect(job.spec.template.spec.containers[0].command).toEqual(['rev', '$(WORK_ITEM_FILE)']);
});

test('index-file mounts the index through a downwardAPI volume', () => {
  const job = jobOf(synthValid(new IndexFileChart(Testing.app(), 'file')));
  expect(job.spec.template.spec.volumes[0].downwardAPI.items[0].path).toBe('index');
  expect(job.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'job-completion-index', mountPath: '/etc/job' }]);
});

test('pod-to-pod has a headless Service selecting the Job and the subdomain pointing at it', () => {
  const manifests = synthValid(new PodToPodChart(Testing.app(), 'p2p'));
  const service = manifests.find(m => m.kind === 'Service');
  const job = jobOf(manifests);
  expect(service.spec).toEqual({ clusterIP: 'None', selector: { 'job-name': job.metadata.name } });
  expect(job.spec.template.spec.subdomain).toBe(service.metadata.name);
  expect(job.spec.parallelism).toBe(job.spec.completions);
});
