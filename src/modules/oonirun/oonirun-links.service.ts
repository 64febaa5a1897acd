import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { SessionClaims } from '../../common/auth/auth.types';
import { ApiError, badRequest, forbidden, notFound } from '../../common/errors/api-error';
import { AuthService } from '../auth/auth.service';
import { LinkRequestDto } from './dto/link-request.dto';
import { parseIsoTime, revisionIndex } from './link-params';
import {
  descriptorFromRequest,
  descriptorOfRow,
  groupByLink,
  isExpired,
  linkOf,
  sameNettests,
} from './oonirun-descriptor';
import { OonirunWriterService } from './oonirun-writer.service';
import { OONIRUN_OPTIONS, OonirunOptions } from './oonirun.options';
import { OonirunRepository } from './oonirun.repository';
import { LinkDescriptor, Nettest, OonirunLink, OonirunRow } from './oonirun.types';

const DAY_MS = 86_400_000;
/** Largest stored descriptor (JSON characters): 100 nettests of long input lists fit. */
const MAX_DESCRIPTOR_CHARS = 8 * 1024 * 1024;
// DateTime64(3) reaches 2299; a link expiring later would not be stored faithfully.
const LATEST_EXPIRATION = Date.UTC(2200, 0, 1);

export interface ListLinksFilter {
  isMine: boolean;
  includeExpired: boolean;
  onlyLatest: boolean;
}

const unprocessable = (message: string): ApiError => new ApiError(message, HttpStatus.UNPROCESSABLE_ENTITY);

/** OONI Run v2 links (bk-005): create, edit (new revision when the nettests change), read, list. */
@Injectable()
export class OonirunLinksService {
  private readonly logger = new Logger('OONIRun');

  constructor(
    private readonly repo: OonirunRepository,
    private readonly writer: OonirunWriterService,
    private readonly auth: AuthService,
    @Inject(OONIRUN_OPTIONS) private readonly options: OonirunOptions,
  ) {}

  async create(dto: LinkRequestDto, account: SessionClaims): Promise<OonirunLink> {
    const descriptor = this.validDescriptor(dto);
    if (!this.isAccountEmail(dto.author, account)) {
      throw badRequest('email_address must match the email address of the user who created the oonirun link');
    }
    const now = Date.now();
    const expiration = this.expiration(dto, now, true);
    const rows = await this.writer.serialized(async () => {
      const row: OonirunRow = {
        ...rowFields(descriptor, expiration),
        ooni_run_link_id: await this.writer.newLinkId(),
        descriptor_creation_time: now,
        translation_creation_time: now,
        creator_account_id: account.account_id,
        archived: 0,
      };
      await this.writer.insert([row]);
      return [row];
    });
    this.logger.log(`OONI Run link ${rows[0].ooni_run_link_id} created`);
    return linkOf(rows, 0, account.account_id, now);
  }

  async edit(linkId: string, dto: LinkRequestDto, account: SessionClaims): Promise<OonirunLink> {
    const descriptor = this.validDescriptor(dto);
    return this.writer.serialized(async () => {
      const rows = await this.linkRows(linkId);
      const latest = rows[rows.length - 1];
      const now = Date.now();
      if (account.role !== 'admin') {
        if (rows[0].creator_account_id !== account.account_id) {
          throw forbidden('You are not allowed to edit this OONI Run link');
        }
        if (!this.isAccountEmail(dto.author, account)) {
          throw forbidden('You are not allowed to set the email_address to something other than your email address');
        }
      }
      if (isExpired(latest, now)) throw forbidden('OONI Run link has expired and cannot be edited');
      const fields = rowFields(descriptor, this.expiration(dto, now, false, latest.expiration_date));
      const changed = !sameNettests(descriptorOfRow(latest).nettests, descriptor.nettests);
      const row = changed ? this.writer.newRevision(latest, fields, now) : this.writer.replacement(latest, fields, now);
      await this.writer.insert([row]);
      const updated = changed ? [...rows, row] : [...rows.slice(0, -1), row];
      this.logger.log(`OONI Run link ${linkId} edited (revision ${updated.length}${changed ? ', new' : ''})`);
      return linkOf(updated, updated.length - 1, account.account_id, now);
    });
  }

  /** A revision (null: the latest) with the latest metadata. */
  async get(linkId: string, revision: number | null, accountId: string | undefined): Promise<OonirunLink> {
    const rows = await this.linkRows(linkId);
    return linkOf(rows, revisionIndex(rows, revision), accountId, Date.now());
  }

  /** Revision numbers, newest first. */
  async revisions(linkId: string): Promise<string[]> {
    const rows = await this.linkRows(linkId);
    return rows.map((_, i) => String(rows.length - i));
  }

  /** Links by id, as the v2 service lists them (their latest revision, or every revision newest first). */
  async list(filter: ListLinksFilter, accountId: string | undefined): Promise<OonirunLink[]> {
    if (filter.isMine && accountId === undefined) return [];
    const rows = await this.repo.listRows(filter.isMine ? { creatorAccountId: accountId } : {});
    const now = Date.now();
    const links: OonirunLink[] = [];
    for (const linkRows of groupByLink(rows)) {
      if (!filter.includeExpired && isExpired(linkRows[linkRows.length - 1], now)) continue;
      const indexes = filter.onlyLatest ? [linkRows.length - 1] : linkRows.map((_, i) => i).reverse();
      for (const i of indexes) links.push(linkOf(linkRows, i, accountId, now));
    }
    return links;
  }

  private async linkRows(linkId: string): Promise<OonirunRow[]> {
    const rows = await this.repo.linkRows(linkId);
    if (rows.length === 0) throw notFound('OONI Run link not found');
    return rows;
  }

  /** The stored descriptor of a request, after the rules class-validator cannot express. */
  private validDescriptor(dto: LinkRequestDto): LinkDescriptor {
    const descriptor = descriptorFromRequest(dto);
    for (const nettest of descriptor.nettests) {
      const error = nettestRuleError(nettest, this.options.maxInputs);
      if (error) throw unprocessable(error);
    }
    if (JSON.stringify(descriptor).length > MAX_DESCRIPTOR_CHARS) throw unprocessable('The link is too large');
    return descriptor;
  }

  /** The expiration of a create or edit: given, else the default (create) or unchanged (edit). */
  private expiration(
    dto: LinkRequestDto,
    now: number,
    creating: boolean,
    current: number | null = null,
  ): number | null {
    if (dto.expiration_date === undefined || dto.expiration_date === null) {
      return creating ? now + this.options.defaultExpirationDays * DAY_MS : current;
    }
    const time = parseIsoTime(dto.expiration_date);
    if (!Number.isFinite(time) || time >= LATEST_EXPIRATION) throw unprocessable('expiration_date is out of range');
    if (creating && time <= now) throw unprocessable('expiration_date must be in the future');
    return time;
  }

  /** Whether `email` is the address of the logged-in account (accounts store only its keyed hash). */
  private isAccountEmail(email: string, account: SessionClaims): boolean {
    try {
      return this.auth.accountIdOf(this.auth.validEmail(email)) === account.account_id;
    } catch {
      return false;
    }
  }
}

/** Rules across fields of one nettest; null when it is fine. */
export function nettestRuleError(n: Nettest, maxInputs: number): string | null {
  if (n.targets_name !== null && (n.inputs !== null || n.inputs_extra !== null)) {
    return "When targets_name is provided, you can't provide inputs or inputs_extra";
  }
  if (n.inputs_extra !== null && (n.inputs === null || n.inputs.length !== n.inputs_extra.length)) {
    return 'When provided, inputs_extra should be the same length as inputs';
  }
  if (n.inputs !== null && n.inputs.length > maxInputs) return `Too many inputs: at most ${maxInputs} per nettest`;
  return null;
}

function rowFields(
  d: LinkDescriptor,
  expiration: number | null,
): Partial<OonirunRow> &
  Pick<OonirunRow, 'descriptor' | 'author' | 'name' | 'short_description' | 'icon' | 'expiration_date'> {
  return {
    descriptor: JSON.stringify(d),
    author: d.author,
    name: d.name,
    short_description: d.short_description,
    icon: d.icon ?? '',
    expiration_date: expiration,
  };
}
