import { HOUR_MS } from '../../../src/common/quotas/quota-budget';
import { QuotaService } from '../../../src/common/quotas/quota.service';
import { quotaOptionsFromConfig } from '../../../src/common/quotas/quotas.options';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { defaultTestConfig } from '../../helpers/test-config';

class FakeClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

describe(QuotaService.name, () => {
  let dir: string;
  let clock: FakeClock;
  let service: QuotaService;
  const open = (): QuotaService =>
    new QuotaService(
      quotaOptionsFromConfig(defaultTestConfig(), {
        dir,
        subnet_limits: { month_s: 30, week_s: 20, day_s: 2.4 },
        account_limits: { month_s: 300, week_s: 200, day_s: 100 },
      }),
      clock,
    );

  beforeEach(() => {
    dir = makeTempDir('ooni-quotas-');
    clock = new FakeClock(1000 * HOUR_MS);
    service = open();
  });

  afterEach(async () => {
    await service.onModuleDestroy();
    removeDir(dir);
  });

  it('should meter the time between the start and the end of a request', async () => {
    const subject = service.subnetSubject('192.0.2.1')!;
    const done = service.meter(subject, clock.now());
    clock.t += 1500;
    done();
    done();
    await service.idle();
    expect(service.status(subject).remainingS).toBeCloseTo(0.9);
    expect(service.status(service.subnetSubject('192.0.2.200')!).remainingS).toBeCloseTo(0.9);
    expect(service.status(service.subnetSubject('192.0.3.1')!).remainingS).toBeCloseTo(2.4);
  });

  it('should refuse an exhausted subnet until the next hour', async () => {
    const subject = service.subnetSubject('192.0.2.1')!;
    await service.consume(subject, 5000);
    expect(service.status(subject)).toMatchObject({ available: false, remainingS: 0 });
    clock.t += HOUR_MS;
    // 2.4 s a day is 0.1 s an hour.
    expect(service.status(subject)).toMatchObject({ available: true, remainingS: 0.1 });
  });

  it('should keep accounts apart from subnets, with their own limits', async () => {
    const account = service.accountSubject('71e398652ecfb1be6a2359923c7df008');
    await service.consume(account, 5000);
    expect(service.status(account)).toMatchObject({ available: true, remainingS: 95 });
    expect(service.summary()).toEqual([['account:71e398652ecfb1be6a2359923c7df008', 95]]);
  });

  it('should keep budgets across restarts', async () => {
    await service.consume(service.subnetSubject('198.51.100.7')!, 1000);
    await service.onModuleDestroy();
    service = open();
    expect(service.status(service.subnetSubject('198.51.100.8')!).remainingS).toBeCloseTo(1.4);
  });

  it('should list the lowest daily budgets first and purge replenished ones', async () => {
    await service.consume(service.subnetSubject('192.0.2.1')!, 2000);
    await service.consume(service.subnetSubject('198.51.100.1')!, 500);
    expect(service.summary()).toEqual([
      ['192.0.2.0/24', 0.4],
      ['198.51.100.0/24', 1.9],
    ]);
    expect(await service.purgeReplenished()).toBe(0);
    clock.t += 30 * 24 * HOUR_MS;
    expect(await service.purgeReplenished()).toBe(2);
    expect(service.summary()).toEqual([]);
  });
});
