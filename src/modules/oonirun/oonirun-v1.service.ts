import { Injectable } from '@nestjs/common';
import { SessionClaims } from '../../common/auth/auth.types';
import { badRequest, forbidden } from '../../common/errors/api-error';
import { groupByLink, isExpired, isoTime } from './oonirun-descriptor';
import { OonirunWriterService } from './oonirun-writer.service';
import { OonirunRepository } from './oonirun.repository';
import { OonirunRow } from './oonirun.types';

export interface V1Descriptor {
  archived: boolean;
  descriptor: unknown;
  descriptor_creation_time: string;
  mine: boolean;
  translation_creation_time: string;
  v: 1;
}

export interface V1ListItem {
  archived: boolean;
  author: string;
  descriptor_creation_time: string;
  icon: string;
  mine: boolean;
  name: string;
  ooni_run_link_id: number | string;
  short_description: string;
  translation_creation_time: string;
}

export interface V1ListFilter {
  linkIds?: string[];
  onlyLatest: boolean;
  onlyMine: boolean;
  includeArchived: boolean;
}

const MAX_DESCRIPTOR_BYTES = 1024 * 1024;
const INTL_FIELDS = ['name_intl', 'short_description_intl', 'description_intl'] as const;
// Legacy `compare_descriptors`: a change of these makes a new version, others are translations.
const VERSIONED_FIELDS = ['nettests', 'author', 'icon'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A link id as legacy clients expect it: a JSON number while that is exact. */
const jsonLinkId = (id: string): number | string => (Number.isSafeInteger(Number(id)) ? Number(id) : id);

function parseStored(descriptor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(descriptor);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Legacy OONI Run descriptors (`/api/_/ooni_run/*`, api/ooniapi/oonirun.py) over the rows of
 * the v2 links: "archived" is archived or expired, a version is a revision.
 */
@Injectable()
export class OonirunV1Service {
  constructor(
    private readonly repo: OonirunRepository,
    private readonly writer: OonirunWriterService,
  ) {}

  /** A new descriptor, or a new version of the caller's own `linkId`. */
  async create(body: unknown, linkId: string | undefined, account: SessionClaims): Promise<string> {
    const descriptor = validDescriptor(body);
    const fields = {
      descriptor: JSON.stringify(descriptor),
      author: descriptor.author as string,
      name: descriptor.name as string,
      short_description: typeof descriptor.short_description === 'string' ? descriptor.short_description : '',
      icon: typeof descriptor.icon === 'string' ? descriptor.icon : '',
    };
    return this.writer.serialized(async () => {
      const now = Date.now();
      if (linkId === undefined) {
        const row: OonirunRow = {
          ...fields,
          ooni_run_link_id: await this.writer.newLinkId(),
          descriptor_creation_time: now,
          translation_creation_time: now,
          creator_account_id: account.account_id,
          archived: 0,
          expiration_date: null,
        };
        await this.writer.insert([row]);
        return row.ooni_run_link_id;
      }
      const rows = await this.repo.linkRows(linkId);
      const latest = rows[rows.length - 1];
      if (!latest || latest.creator_account_id !== account.account_id) throw badRequest('OONIRun descriptor not found');
      const previous = parseStored(latest.descriptor);
      const versioned = VERSIONED_FIELDS.some((k) => JSON.stringify(previous[k]) !== JSON.stringify(descriptor[k]));
      const row = versioned
        ? this.writer.newRevision(latest, fields, now)
        : this.writer.replacement(latest, fields, now);
      await this.writer.insert([row]);
      return linkId;
    });
  }

  /** Archives every version (owner or admin). */
  async archive(linkId: string, account: SessionClaims): Promise<void> {
    await this.writer.serialized(async () => {
      const rows = await this.repo.linkRows(linkId);
      if (rows.length === 0) throw badRequest('oonirun descriptor not found');
      if (account.role !== 'admin' && rows[0].creator_account_id !== account.account_id) {
        throw forbidden('You are not allowed to archive this OONI Run link');
      }
      const now = Date.now();
      await this.writer.insert(rows.map((r) => this.writer.replacement(r, { archived: 1 }, now)));
    });
  }

  /** The newest version, or the one created at `creationTime` (ms). */
  async fetch(linkId: string, creationTime: number | undefined, accountId: string | undefined): Promise<V1Descriptor> {
    const rows = await this.repo.linkRows(linkId);
    const row =
      creationTime === undefined
        ? rows[rows.length - 1]
        : rows.find((r) => r.descriptor_creation_time === creationTime);
    if (!row) throw badRequest('oonirun descriptor not found');
    return {
      archived: isExpired(rows[rows.length - 1], Date.now()),
      descriptor: parseStored(row.descriptor),
      descriptor_creation_time: isoTime(row.descriptor_creation_time),
      mine: accountId !== undefined && row.creator_account_id === accountId,
      translation_creation_time: isoTime(row.translation_creation_time),
      v: 1,
    };
  }

  /** Versions (or only the newest of each link), oldest first. */
  async list(filter: V1ListFilter, accountId: string | undefined): Promise<V1ListItem[]> {
    if (filter.onlyMine && accountId === undefined) return [];
    const rows = await this.repo.listRows({
      creatorAccountId: filter.onlyMine ? accountId : undefined,
      linkIds: filter.linkIds,
    });
    const now = Date.now();
    const items: Array<V1ListItem & { order: [number, number] }> = [];
    for (const linkRows of groupByLink(rows)) {
      const archived = isExpired(linkRows[linkRows.length - 1], now);
      if (archived && !filter.includeArchived) continue;
      for (const row of filter.onlyLatest ? linkRows.slice(-1) : linkRows) {
        items.push({
          ...listItem(row, archived, accountId),
          order: [row.descriptor_creation_time, row.translation_creation_time],
        });
      }
    }
    items.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    return items.map(({ order: _order, ...item }) => item);
  }
}

function listItem(row: OonirunRow, archived: boolean, accountId: string | undefined): V1ListItem {
  return {
    archived,
    author: row.author,
    descriptor_creation_time: isoTime(row.descriptor_creation_time),
    icon: row.icon,
    mine: accountId !== undefined && row.creator_account_id === accountId,
    name: row.name,
    ooni_run_link_id: jsonLinkId(row.ooni_run_link_id),
    short_description: row.short_description,
    translation_creation_time: isoTime(row.translation_creation_time),
  };
}

/** Legacy checks: a JSON object with a name and an author, no empty translation; bounded size. */
function validDescriptor(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object');
  if (JSON.stringify(body).length > MAX_DESCRIPTOR_BYTES) throw badRequest('Descriptor too large');
  if (typeof body.name !== 'string' || body.name === '') throw badRequest("'name' field must not be empty");
  if (typeof body.author !== 'string') throw badRequest("'author' field must be a string");
  for (const field of INTL_FIELDS) {
    const intl = body[field];
    if (intl === undefined || intl === null) continue;
    if (!isRecord(intl) || Object.values(intl).some((t) => typeof t !== 'string' || t === '')) {
      throw badRequest('Empty translation field');
    }
  }
  return body;
}
