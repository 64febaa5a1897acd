import { Injectable } from '@nestjs/common';
import { SessionClaims } from '../../common/auth/auth.types';
import { notFound } from '../../common/errors/api-error';
import { SLUG_RE } from './dto/incident-request.dto';
import { IncidentSearchResponseDto, IncidentShowResponseDto } from './dto/incident-response.dto';
import { SearchIncidentsQueryDto } from './dto/search-incidents.query.dto';
import { parseIncidentSearch } from './incident-search-params';
import { isMine, toIncidentDto, toIncidentWithTextDto } from './incident.mapper';
import { IncidentsRepository } from './incidents.repository';
import { IncidentRecord, Viewer } from './incidents.types';

export const NOT_FOUND = 'OONI Finding not found';
const ID_RE = /^\d{1,30}$/;

export const viewerOf = (account: SessionClaims | undefined): Viewer => ({
  accountId: account?.account_id ?? null,
  admin: account?.role === 'admin',
});

/** Unpublished findings are shown to their author and to admins only; deleted ones to nobody. */
export const isVisible = (incident: IncidentRecord, viewer: Viewer): boolean =>
  !incident.deleted && (incident.published || viewer.admin || isMine(incident, viewer));

/** Search and show (newer oonifindings `list_oonifindings`, `get_oonifinding_by_id`). */
@Injectable()
export class IncidentsService {
  constructor(private readonly incidents: IncidentsRepository) {}

  async search(query: SearchIncidentsQueryDto, account: SessionClaims | undefined): Promise<IncidentSearchResponseDto> {
    const viewer = viewerOf(account);
    const rows = await this.incidents.search(parseIncidentSearch(query, viewer));
    return { incidents: rows.map((r) => toIncidentDto(r, viewer)) };
  }

  /** By id when the key is all digits (as the newer API), else by slug. */
  async show(key: string, account: SessionClaims | undefined): Promise<IncidentShowResponseDto> {
    const viewer = viewerOf(account);
    let incident: IncidentRecord | null = null;
    if (ID_RE.test(key)) incident = await this.incidents.findById(key);
    else if (SLUG_RE.test(key)) incident = await this.incidents.findBySlug(key);
    if (!incident || !isVisible(incident, viewer)) throw notFound(NOT_FOUND);
    return { incident: toIncidentWithTextDto(incident, viewer) };
  }
}
