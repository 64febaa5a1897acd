import { newIncidentId, slugFromTitle, slugWithId } from '../../../src/modules/incidents/incident-keys';

const IN_2024 = Date.UTC(2024, 5, 1) / 1000;

describe('slugFromTitle', () => {
  it('should prefix the year and keep letters, digits and dashes (newer generate_finding_slug)', () => {
    expect(slugFromTitle(IN_2024, 'China is Blocking OONI!')).toBe('2024-china-is-blocking-ooni');
    expect(slugFromTitle(IN_2024, 'Russia: Twitter & Facebook (2024)')).toBe('2024-russia-twitter--facebook-2024');
    expect(slugFromTitle(IN_2024, 'Блокировка')).toBe('2024-');
  });

  it('should cut slugs at 64 characters', () => {
    const slug = slugFromTitle(IN_2024, 'word '.repeat(40));
    expect(slug).toHaveLength(64);
    expect(slug.startsWith('2024-word-word-')).toBe(true);
  });
});

describe('slugWithId', () => {
  it('should append the id and stay within 64 characters', () => {
    expect(slugWithId('2024-short', '123')).toBe('2024-short-123');
    const long = slugWithId(slugFromTitle(IN_2024, 'x'.repeat(100)), '429496729501');
    expect(long).toHaveLength(64);
    expect(long.endsWith('-429496729501')).toBe(true);
  });
});

describe('newIncidentId', () => {
  it('should be a random 32-bit number times 100 plus the collector id', () => {
    const ids = Array.from({ length: 50 }, () => newIncidentId('7'));
    for (const id of ids) {
      expect(id).toMatch(/^\d{1,12}$/);
      expect(Number(id) % 100).toBe(7);
      expect(Number(id)).toBeLessThan(2 ** 32 * 100);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
