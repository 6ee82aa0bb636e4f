// Two scheduled Jobs: the nightly backup as a CronJob (02:30 Berlin time, never two at once), and an hourly
// IndexedJob over 2,000 work items, which go through a generated ConfigMap that stays in place between runs.
import { App, Chart, ChartProps, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IndexedJob, OneShotJob, WorkItems } from '../../src';

export class ScheduledChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const backupCredentials = kplus.Secret.fromSecretName(this, 'backup-credentials', 'backup-credentials');
    new OneShotJob(this, 'nightly-backup', {
      schedule: { cron: Cron.schedule({ minute: '30', hour: '2' }), timeZone: 'Europe/Berlin' },
      backoffLimit: 0,
      activeDeadline: Duration.hours(3),
      containers: [{
        name: 'backup',
        image: 'registry.example.com/pg-backup:16.4',
        args: ['--target', 's3://backups/orders'],
        envVariables: { PGPASSWORD: kplus.EnvValue.fromSecretValue({ secret: backupCredentials, key: 'password' }) },
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.gibibytes(1) } },
      }],
    });
    const partitions = Array.from({ length: 2000 }, (_, i) => `s3://events/hourly/partition-${String(i).padStart(4, '0')}`);
    new IndexedJob(this, 'hourly-compaction', {
      schedule: { cron: Cron.hourly() },
      workItems: WorkItems.fromList(partitions, {
        resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(16) } },
      }),
      parallelism: 20,
      activeDeadline: Duration.minutes(50),
      containers: [{
        name: 'compact',
        image: 'registry.example.com/compactor:2.0.1',
        args: ['--partition-file', '$(WORK_ITEM_FILE)'],
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(512) } },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ScheduledChart(app, 'scheduled');
  app.synth();
}
