import { toIncidentDto, toIncidentWithTextDto } from '../../../src/modules/incidents/incident.mapper';
import { IncidentRecord, Viewer } from '../../../src/modules/incidents/incidents.types';

const AUTHOR = '0123456789abcdef0123456789abcdef';
const record: IncidentRecord = {
  id: '372931250001',
  slug: '',
  create_time: 1_704_067_200,
  update_time: 1_704_153_600,
  start_time: 1_704_067_200,
  end_time: null,
  creator_account_id: AUTHOR,
  reported_by: 'OONI',
  title: 'China is blocking OONI',
  text: '**markdown**',
  short_description: 'short',
  email_address: 'author@example.org',
  event_type: 'incident',
  published: true,
  deleted: false,
  CCs: ['CN'],
  ASNs: [4134],
  domains: ['ooni.org'],
  tags: [],
  themes: ['circumvention'],
  links: [],
  test_names: ['web_connectivity'],
};

describe('toIncidentDto', () => {
  it('should hide the email from everyone but admins and the account id from everyone', () => {
    const viewers: Array<[Viewer, string, boolean]> = [
      [{ accountId: null, admin: false }, '', false],
      [{ accountId: AUTHOR, admin: false }, '', true],
      [{ accountId: 'f'.repeat(32), admin: true }, 'author@example.org', false],
      [{ accountId: AUTHOR, admin: true }, 'author@example.org', true],
    ];
    for (const [viewer, email, mine] of viewers) {
      const dto = toIncidentDto(record, viewer);
      expect({ email: dto.email_address, mine: dto.mine, creator: dto.creator_account_id }).toEqual({
        email,
        mine,
        creator: '',
      });
    }
  });

  it('should format times as the newer API, keep a missing end and a missing slug as null', () => {
    const dto = toIncidentDto(record, { accountId: null, admin: false });
    expect(dto).toMatchObject({
      start_time: '2024-01-01T00:00:00.000000Z',
      update_time: '2024-01-02T00:00:00.000000Z',
      end_time: null,
      slug: null,
    });
    expect(dto).not.toHaveProperty('text');
    expect(toIncidentWithTextDto(record, { accountId: null, admin: false }).text).toBe('**markdown**');
  });
});
