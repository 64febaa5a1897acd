import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpFeeder } from '../../../src/common/feeder/http-feeder';
import { MetricsService } from '../../../src/common/metrics/metrics.service';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';
import { testConfig } from '../../helpers/test-config';

const UID = '20240101120000.123456_IT_webconnectivity_0123456789abcdef';
const item = () => ({
  measurementUid: UID,
  body: Buffer.from('{"format":"json","content":{}}'),
  receivedAt: new Date(),
});

describe(HttpFeeder.name, () => {
  let dir: string;
  let server: Server;
  let url: string;
  /** Status answered to each request, in order; 200 once exhausted. */
  let answers: number[];
  let received: string[];

  beforeEach(async () => {
    dir = makeTempDir();
    answers = [];
    received = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.statusCode = answers.shift() ?? 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    removeDir(dir);
  });

  const feeder = (retries: number): HttpFeeder => {
    const config = testConfig(dir, { fastpath: { feeder_url: url, insert_retries: retries, retry_base_ms: 10 } });
    return new HttpFeeder(config, new MetricsService(config));
  };

  it('should retry a refused hand-over with backoff until the fastpath accepts it', async () => {
    answers = [503, 500];
    const f = feeder(3);
    expect(f.offer(item())).toBe(true);
    await f.drain();
    expect(received).toEqual(Array(3).fill(`/${UID} {"format":"json","content":{}}`));
  });

  it('should give up after the configured retries without throwing from offer', async () => {
    answers = [503, 503, 503, 503];
    const f = feeder(1);
    f.offer(item());
    await f.drain();
    expect(received).toHaveLength(2);
  });

  it('should report a hand-over that fails every retry to feedAndWait callers', async () => {
    answers = [503, 503];
    await expect(feeder(1).feedAndWait([item()])).rejects.toThrow('status 503');
    answers = [503];
    await expect(feeder(1).feedAndWait([item()])).resolves.toBeUndefined();
  });
});
