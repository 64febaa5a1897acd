import { createHash } from 'node:crypto';
import { SessionTokenService } from '../../src/common/auth/session-token.service';
import { distinctContent, reportIdFor, searchedUids, submitContent, waitFor } from '../helpers/submit';
import { startTestApp, TestApp } from '../helpers/test-app';

const N = 12;

describe('Fastpath inserts rejected by ClickHouse', () => {
  let t: TestApp;

  const RENAMES = {
    away: 'RENAME TABLE fastpath TO fastpath_away',
    back: 'RENAME TABLE fastpath_away TO fastpath',
  } as const;
  const rename = (which: keyof typeof RENAMES): Promise<unknown> => t.clickhouse.command({ query: RENAMES[which] });

  async function submitAll(tag: string): Promise<Map<string, string>> {
    const reportId = reportIdFor(tag);
    const sent = new Map<string, string>();
    for (let n = 0; n < N; n++) {
      const content = distinctContent(reportId, n);
      const uid = await submitContent(t.url, reportId, content);
      expect(uid).not.toBeNull();
      sent.set(uid!, content);
    }
    return sent;
  }

  async function expectSearchableWithBodies(tag: string, sent: Map<string, string>): Promise<void> {
    expect(await searchedUids(t.url, reportIdFor(tag))).toEqual(new Set(sent.keys()));
    for (const [uid, content] of sent) {
      expect(await (await fetch(`${t.url}/api/v1/measurement/${uid}`)).text()).toBe(content);
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ fastpath: { insert_max_latency_ms: 50, insert_retries: 4, retry_base_ms: 300 } });
  });
  afterAll(() => t.close());

  it('should retry a failed insert until ClickHouse accepts it: every measurement becomes searchable', async () => {
    await rename('away');
    let sent: Map<string, string>;
    try {
      sent = await submitAll('retried');
      // Scored, and the insert fails while the table is away.
      await new Promise((r) => setTimeout(r, 700));
    } finally {
      await rename('back');
    }
    await waitFor(async () => (await searchedUids(t.url, reportIdFor('retried'))).size === N, 20_000, 'the rows');
    await expectSearchableWithBodies('retried', sent);
  });

  it('should have the uploader re-score what the writer gave up on before it deletes the spool files', async () => {
    // Longer than every retry (300+600+1200+2400 ms): the writer drops the rows.
    await rename('away');
    let sent: Map<string, string>;
    try {
      sent = await submitAll('dropped');
      await new Promise((r) => setTimeout(r, 6000));
    } finally {
      await rename('back');
    }
    expect((await searchedUids(t.url, reportIdFor('dropped'))).size).toBe(0);

    const admin = t.app
      .get(SessionTokenService)
      .issue(createHash('md5').update('admin').digest('hex'), 'admin', { sessionExpiryDays: 1, loginExpiryDays: 1 });
    const run = await fetch(`${t.url}/api/_/admin/run-job/uploader?all=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(run.status).toBe(200);
    // Scored and written before the run answered; the bodies now come from the bucket.
    await expectSearchableWithBodies('dropped', sent);
  });
});
