import { createHash } from 'node:crypto';
import { bucketOfUid } from '../../../src/common/spool/measurement-spool';
import { utcHour } from '../../../src/common/time/utc-hour';
import { measurementUid, uidTimestamp } from '../../../src/modules/probe-services/measurement-uid';

describe('measurementUid', () => {
  const now = new Date('2024-01-02T03:04:05.678Z');

  it('should format the UTC receive time with microseconds', () => {
    expect(uidTimestamp(now, 9)).toBe('20240102030405.678009');
    expect(utcHour(now)).toBe('2024010203');
  });

  it('should end with the first 16 hex digits of the sha512 of the body', () => {
    const body = Buffer.from('{"format":"json","content":{}}');
    const hash = createHash('sha512').update(body).digest('hex').slice(0, 16);
    expect(measurementUid(now, 123, 'IT', 'webconnectivity', body)).toBe(
      `20240102030405.678123_IT_webconnectivity_${hash}`,
    );
  });

  it('should map a uid back to its spool directory', () => {
    const uid = measurementUid(now, 1, 'IT', 'webconnectivity', Buffer.from('x'));
    expect(bucketOfUid(uid)).toBe('2024010203_IT_webconnectivity');
    expect(bucketOfUid('../../etc/passwd')).toBeNull();
  });
});
