import * as dgram from 'node:dgram';
import { AppConfig } from '../../../src/common/config/app-config';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { defaultTestConfig } from '../../helpers/test-config';

/** The configured defaults, metrics on, with these changes. */
function metricsConfig(metrics: Partial<AppConfig['metrics']>): AppConfig {
  return defaultTestConfig({ metrics: { enabled: true, prefix: 'ooni', ...metrics } });
}

describe('MetricsService', () => {
  it('should keep nothing when metrics are disabled (a busy server sends two metrics per request)', () => {
    const metrics = new MetricsService(metricsConfig({ enabled: false })).component('ooni-api');
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 2_000_000; i++) metrics.timing(`http.route_${i % 50}`, i % 300);
    // Kept metrics would be ~2M strings (> 100 MB); unkept ones die young.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('should pack metrics into datagrams and send what is buffered on shutdown', async () => {
    const socket = dgram.createSocket('udp4');
    const datagrams: string[] = [];
    socket.on('message', (msg) => datagrams.push(msg.toString('utf8')));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    try {
      const service = new MetricsService(
        metricsConfig({ statsd_port: socket.address().port, max_datagram_bytes: 1400, flush_interval_ms: 60_000 }),
      );
      const metrics = service.component('ooni-api');
      for (let i = 0; i < 100; i++) metrics.increment('http_status.200');
      metrics.gauge('check-in-test-list-count', 100);
      await service.onApplicationShutdown();
      for (let waited = 0; datagrams.join('\n').split('\n').length < 101 && waited < 2000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const lines = datagrams.join('\n').split('\n').filter(Boolean);
      expect(lines).toHaveLength(101);
      expect(lines[0]).toBe('ooni.ooni-api.http_status.200:1|c');
      expect(lines[100]).toBe('ooni.ooni-api.check-in-test-list-count:100|g');
      // 101 metrics of ~35 bytes in datagrams of at most 1400 bytes: a handful, not 101.
      expect(datagrams.length).toBeLessThanOrEqual(4);
      for (const d of datagrams) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(1400);
    } finally {
      socket.close();
    }
  });
});
