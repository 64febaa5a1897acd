import { Injectable } from '@nestjs/common';
import { badRequest } from '../../common/errors/api-error';
import { FeedbackRepository } from './feedback.repository';

export const FEEDBACK_STATUSES = [
  'blocked',
  'blocked.blockpage',
  'blocked.blockpage.http',
  'blocked.blockpage.dns',
  'blocked.blockpage.server_side',
  'blocked.blockpage.server_side.captcha',
  'blocked.dns',
  'blocked.dns.inconsistent',
  'blocked.dns.nxdomain',
  'blocked.tcp',
  'blocked.tls',
  'ok',
  'down',
  'down.unreachable',
  'down.misconfigured',
] as const;

export interface FeedbackSummary {
  summary: Record<string, number>;
  user_feedback?: string;
}

const UID_RE = /^[A-Za-z0-9._-]{5,100}$/;

@Injectable()
export class FeedbackService {
  constructor(private readonly feedback: FeedbackRepository) {}

  async summary(measurementUid: string, accountId: string | null): Promise<FeedbackSummary> {
    if (!UID_RE.test(measurementUid)) throw badRequest('Invalid measurement_uid');
    const out: FeedbackSummary = { summary: {} };
    for (const row of await this.feedback.counts(measurementUid, accountId)) {
      if (row.is_mine && accountId) out.user_feedback = row.status;
      out.summary[row.status] = (out.summary[row.status] ?? 0) + row.cnt;
    }
    return out;
  }

  async submit(accountId: string, measurementUid: unknown, status: unknown): Promise<void> {
    const s = typeof status === 'string' ? status.trim() : '';
    if (!(FEEDBACK_STATUSES as readonly string[]).includes(s)) throw badRequest('Invalid status');
    const uid = typeof measurementUid === 'string' ? measurementUid.trim() : '';
    if (!UID_RE.test(uid)) throw badRequest('Invalid measurement_uid');
    await this.feedback.upsert(uid, accountId, s);
  }
}
