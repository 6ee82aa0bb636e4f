// Two everyday Jobs from the shared pieces: a backup (no retries: a half-written backup must not be retried over;
// kept as the record until it leaves git, since Argo CD or Flux would re-create it after a TTL) and a CI test runner
// that a pipeline applies once (no retries, 30 minutes at most, deleted a day after it finishes).
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DeploymentTool, JobSettings, OneShotJob } from '../../src';

export class EverydayJobsChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const backupCredentials = kplus.Secret.fromSecretName(this, 'backup-credentials', 'backup-credentials');
    new OneShotJob(this, 'backup', {
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
    // applied by the CI pipeline with `kubectl create`, not from git: nothing re-creates it, so it gets a TTL
    const ci = new Construct(this, 'ci');
    JobSettings.apply(ci, { deploymentTool: DeploymentTool.ONE_OFF });
    new OneShotJob(ci, 'tests', {
      backoffLimit: 0,
      activeDeadline: Duration.minutes(30),
      containers: [{
        name: 'tests',
        image: 'registry.example.com/app-tests:2026.11.22',
        command: ['npm', 'test'],
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.units(1) }, memory: { request: Size.gibibytes(2) } },
      }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new EverydayJobsChart(app, 'everyday-jobs');
  app.synth();
}
