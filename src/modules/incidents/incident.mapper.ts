import { IncidentDto, IncidentWithTextDto } from './dto/incident-response.dto';
import { formatIncidentTime } from './incident-time';
import { IncidentRecord, IncidentSummary, Viewer } from './incidents.types';

export const isMine = (incident: Pick<IncidentSummary, 'creator_account_id'>, viewer: Viewer): boolean =>
  viewer.accountId !== null && incident.creator_account_id === viewer.accountId;

/** A finding as the newer API shows it: the author's email to admins only, never the account id. */
export function toIncidentDto(incident: IncidentSummary, viewer: Viewer): IncidentDto {
  return {
    id: incident.id,
    email_address: viewer.admin ? incident.email_address : '',
    title: incident.title,
    short_description: incident.short_description,
    // Rows written by the legacy API have no slug.
    slug: incident.slug || null,
    start_time: formatIncidentTime(incident.start_time),
    create_time: formatIncidentTime(incident.create_time),
    update_time: formatIncidentTime(incident.update_time),
    end_time: incident.end_time === null ? null : formatIncidentTime(incident.end_time),
    reported_by: incident.reported_by,
    creator_account_id: '',
    published: incident.published,
    event_type: incident.event_type,
    ASNs: incident.ASNs,
    CCs: incident.CCs,
    themes: incident.themes,
    tags: incident.tags,
    test_names: incident.test_names,
    domains: incident.domains,
    links: incident.links,
    mine: isMine(incident, viewer),
  };
}

export function toIncidentWithTextDto(incident: IncidentRecord, viewer: Viewer): IncidentWithTextDto {
  return { ...toIncidentDto(incident, viewer), text: incident.text };
}
