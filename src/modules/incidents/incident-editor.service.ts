import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { SessionClaims } from '../../common/auth/auth.types';
import { AppConfig } from '../../common/config/app-config';
import { ApiError, badRequest, forbidden, notFound } from '../../common/errors/api-error';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { AuthService } from '../auth/auth.service';
import { isValidEmailAddress, normalizeEmailAddress } from '../auth/email-address';
import { IncidentBodyDto, IncidentDeleteDto, IncidentIdDto } from './dto/incident-request.dto';
import { IncidentChangeResponseDto } from './dto/incident-response.dto';
import { newIncidentId, slugFromTitle, slugWithId } from './incident-keys';
import { parseIncidentTime } from './incident-time';
import { IncidentsRepository } from './incidents.repository';
import { NOT_FOUND } from './incidents.service';
import { IncidentRecord } from './incidents.types';

const unprocessable = (message: string): ApiError => new ApiError(message, HttpStatus.UNPROCESSABLE_ENTITY);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const ID_ATTEMPTS = 5;

export const PUBLISH_ACTIONS = ['publish', 'unpublish'] as const;

/** What a create or update body sets: everything but who, when it was made, and the id. */
type EditableFields = Omit<
  IncidentRecord,
  'id' | 'slug' | 'create_time' | 'update_time' | 'creator_account_id' | 'email_address' | 'deleted'
>;

function editableFields(body: IncidentBodyDto): EditableFields {
  const start = parseIncidentTime(body.start_time) as number;
  const end =
    body.end_time === undefined || body.end_time === null ? null : (parseIncidentTime(body.end_time) as number);
  if (end !== null && end < start) throw unprocessable('end_time must not be before start_time');
  return {
    title: body.title,
    text: body.text,
    short_description: body.short_description ?? '',
    start_time: start,
    end_time: end,
    reported_by: body.reported_by ?? '',
    event_type: body.event_type ?? '',
    published: body.published ?? false,
    ASNs: body.ASNs ?? [],
    CCs: body.CCs ?? [],
    themes: body.themes ?? [],
    tags: body.tags ?? [],
    test_names: body.test_names ?? [],
    domains: body.domains ?? [],
    links: body.links ?? [],
  };
}

const requireId = (body: IncidentIdDto): string => {
  if (!body.id) throw unprocessable('id is required');
  return body.id;
};

/**
 * Create, update, delete, publish and unpublish (newer oonifindings rules): authors edit and
 * delete their own findings; admins do everything and alone publish or unpublish. The author's
 * account and email come from the session: the body's email must be the caller's own.
 */
@Injectable()
export class IncidentEditorService {
  private readonly logger = new Logger(IncidentEditorService.name);
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  async create(body: IncidentBodyDto, account: SessionClaims): Promise<IncidentChangeResponseDto> {
    const fields = editableFields(body);
    const email = this.ownEmail(account, body.email_address);
    if (email === null) throw badRequest('Invalid email address for creator account');
    if (fields.published && account.role !== 'admin') throw forbidden('You are not allowed to publish');
    const id = await this.unusedId();
    const now = nowSeconds();
    const record: IncidentRecord = {
      ...fields,
      id,
      slug: await this.slugForCreate(body.slug, fields.title, now, id),
      create_time: now,
      update_time: now,
      creator_account_id: account.account_id,
      email_address: email,
      deleted: false,
    };
    await this.incidents.save(record);
    this.done('create', id);
    return { r: 1, id };
  }

  async update(body: IncidentBodyDto, account: SessionClaims): Promise<IncidentChangeResponseDto> {
    const fields = editableFields(body);
    const id = requireId(body);
    const admin = account.role === 'admin';
    if (!admin && this.ownEmail(account, body.email_address) === null) {
      throw forbidden('You are not allowed to set the email address to something other than your email address');
    }
    const stored = await this.editable(id, account);
    if (!admin) {
      // An author may send the flag back as it is (Explorer's form does), never change it.
      const requested = body.published ?? stored.published;
      if (requested !== stored.published) throw forbidden('You are not allowed to publish');
      fields.published = stored.published;
    }
    const slug = body.slug && body.slug !== stored.slug ? await this.freeSlug(body.slug, id) : stored.slug;
    await this.incidents.save({ ...stored, ...fields, slug, update_time: Math.max(nowSeconds(), stored.update_time) });
    this.done('update', id);
    return { r: 1, id };
  }

  async delete(body: IncidentDeleteDto, account: SessionClaims): Promise<Record<string, never>> {
    const id = requireId(body);
    if (account.role !== 'admin' && this.ownEmail(account, body.email_address) === null) {
      throw forbidden('You are not allowed to delete the incident');
    }
    await this.incidents.delete(await this.editable(id, account));
    this.done('delete', id);
    return {};
  }

  /** Admins only (the route checks the role). */
  async setPublished(action: string, body: IncidentIdDto): Promise<IncidentChangeResponseDto> {
    if (!(PUBLISH_ACTIONS as readonly string[]).includes(action)) throw badRequest('Invalid query action');
    const id = requireId(body);
    const stored = await this.incidents.findById(id);
    if (!stored || stored.deleted) throw notFound(NOT_FOUND);
    const published = action === 'publish';
    await this.incidents.save({ ...stored, published, update_time: Math.max(nowSeconds(), stored.update_time) });
    this.done(action, id);
    return { r: 1, id };
  }

  private done(action: string, id: string): void {
    this.logger.log(`incident ${id}: ${action}`);
    this.metrics.increment(`incidents.${action}`);
  }

  /** The live finding `id` if the caller may change it: 404 when there is none, 403 when it is someone else's. */
  private async editable(id: string, account: SessionClaims): Promise<IncidentRecord> {
    const stored = await this.incidents.findById(id);
    if (!stored || stored.deleted) throw notFound(NOT_FOUND);
    if (account.role !== 'admin' && stored.creator_account_id !== account.account_id) {
      throw forbidden('You are not allowed to change an incident created by someone else');
    }
    return stored;
  }

  /** The normalized address when it is the session's own (its keyed hash is the account id), else null. */
  private ownEmail(account: SessionClaims, raw: string | null | undefined): string | null {
    const email = normalizeEmailAddress(raw ?? '');
    if (!isValidEmailAddress(email)) return null;
    return this.auth.accountIdOf(email) === account.account_id ? email : null;
  }

  private async unusedId(): Promise<string> {
    for (let i = 0; i < ID_ATTEMPTS; i++) {
      const id = newIncidentId(this.config.probe_services.collector_id);
      if (!(await this.incidents.findById(id))) return id;
    }
    throw new Error('no unused incident id found');
  }

  private async slugForCreate(
    requested: string | null | undefined,
    title: string,
    now: number,
    id: string,
  ): Promise<string> {
    if (requested) return this.freeSlug(requested, id);
    const slug = slugFromTitle(now, title);
    return (await this.incidents.slugTaken(slug, id)) ? slugWithId(slug, id) : slug;
  }

  private async freeSlug(slug: string, id: string): Promise<string> {
    if (await this.incidents.slugTaken(slug, id)) throw new ApiError('slug already in use', HttpStatus.CONFLICT);
    return slug;
  }
}
