import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppProcess, startAppProcess } from '../helpers/app-process';
import { loadMeasurement } from '../helpers/fixtures';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const RID = '20240101T000000Z_webconnectivity_IT_3269_n1_abcdefghijklmnop';

describe('Submission durability', () => {
  let dir: string;
  let proc: AppProcess | undefined;

  beforeAll(() => (dir = makeTempDir()));
  afterAll(async () => {
    await proc?.kill();
    removeDir(dir);
  });

  it('should keep every acknowledged measurement, complete, when the process is SIGKILLed right after', async () => {
    proc = await startAppProcess({ OONI_VAR_DIR: dir });
    const content = loadMeasurement('mbx-1.json'); // ~570 KB
    const acknowledged: Array<{ uid: string; body: Buffer }> = [];
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; i < 20; i++) {
      const body = Buffer.from(JSON.stringify({ format: 'json', content: { ...content, n: i } }));
      inFlight.push(
        fetch(`${proc.url}/report/${RID}`, { method: 'POST', body })
          .then(async (res) => {
            if (res.status === 200) {
              const { measurement_uid } = (await res.json()) as { measurement_uid: string };
              acknowledged.push({ uid: measurement_uid, body });
            }
          })
          .catch(() => undefined),
      );
      // Kill while later submissions are still being written.
      if (i === 12) {
        await Promise.all(inFlight.slice(0, 11));
        await proc.kill('SIGKILL');
      }
    }
    await Promise.all(inFlight);
    expect(acknowledged.length).toBeGreaterThanOrEqual(11);
    for (const { uid, body } of acknowledged) {
      const file = path.join(dir, 'spool', 'incoming', `${uid.slice(0, 10)}_IT_webconnectivity`, `${uid}.post`);
      const stored = fs.readFileSync(file);
      expect(stored.equals(body)).toBe(true);
      expect(uid.endsWith(createHash('sha512').update(stored).digest('hex').slice(0, 16))).toBe(true);
    }
  });
});
