import { AppConfig } from '../../../src/common/config/app-config';
import { InProcessFeeder } from '../../../src/common/feeder/in-process-feeder';
import { FeedItem } from '../../../src/common/feeder/measurement-feeder';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { testConfig } from '../../helpers/test-config';

const item = (n: number): FeedItem => ({ measurementUid: `uid-${n}`, body: Buffer.from('{}'), receivedAt: new Date() });

describe(InProcessFeeder.name, () => {
  let dir: string;
  let config: AppConfig;
  let metrics: MetricsService;

  beforeEach(() => {
    dir = makeTempDir();
    config = testConfig(dir, { probe_services: { feed_queue_size: 5 } });
    metrics = new MetricsService(config);
  });
  afterEach(() => removeDir(dir));

  it('should keep items offered before a consumer exists, up to the bound, and drop the rest', async () => {
    const feeder = new InProcessFeeder(config, metrics);
    const accepted = Array.from({ length: 8 }, (_, n) => feeder.offer(item(n)));
    expect(accepted).toEqual([true, true, true, true, true, false, false, false]);
    const seen: string[] = [];
    feeder.consume(async (batch) => {
      seen.push(...batch.map((i) => i.measurementUid));
      await Promise.resolve();
    });
    await feeder.drain();
    expect(seen).toEqual(['uid-0', 'uid-1', 'uid-2', 'uid-3', 'uid-4']);
    expect(feeder.queued).toBe(0);
  });

  it('should go on after a consumer failure', async () => {
    const feeder = new InProcessFeeder(config, metrics);
    let calls = 0;
    const seen: string[] = [];
    feeder.consume(async (batch) => {
      calls++;
      await Promise.resolve();
      if (calls === 1) throw new Error('database down');
      seen.push(...batch.map((i) => i.measurementUid));
    });
    feeder.offer(item(1));
    await feeder.drain();
    feeder.offer(item(2));
    await feeder.drain();
    expect(seen).toEqual(['uid-2']);
  });
});
