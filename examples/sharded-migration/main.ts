// A backfill split into 10 shards, 2 at a time, run before the app deploys (Argo CD PreSync).
// The database URL comes from a Secret; the tool takes its shard as --shard=<index>.
import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DeployHook, ShardedMigration } from '../../src';

export class ShardedMigrationChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const db = kplus.Secret.fromSecretName(this, 'db', 'orders-db');
    new ShardedMigration(this, 'backfill', {
      shards: 10,
      maxConcurrentShards: 2,
      activeDeadline: Duration.hours(2),
      databaseUrl: { secret: db, key: 'url' },
      shardFlag: '--shard',
      nonRetriableExitCodes: [3], // the tool's "schema is dirty, fix by hand" code
      hooks: [DeployHook.argoCdPreSync()],
      container: {
        name: 'migrate',
        image: 'registry.example.com/orders-migrate:4.2.0',
        args: ['backfill', '--table=orders', '--shards=$(SHARD_COUNT)'],
        securityContext: { user: 10001 },
        resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } },
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ShardedMigrationChart(app, 'sharded-migration');
  app.synth();
}
