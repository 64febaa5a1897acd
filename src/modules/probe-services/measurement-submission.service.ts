import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../../common/config/app-config';
import { ApiError } from '../../common/errors/api-error';
import { MeasurementFeeder } from '../../common/feeder/measurement-feeder';
import { GeoInfo } from '../../common/geoip/geoip.service';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { MeasurementSpool } from '../../common/spool/measurement-spool';
import { SpoolCommitter } from '../../common/spool/spool-committer';
import { utcHour } from '../../common/time/utc-hour';
import { measurementUid } from './measurement-uid';
import { parseReportId } from './report-id';
import { decodeContent, parseSubmission, SubmissionBodyError, withoutVerificationClaim } from './submission-body';

export type SubmissionResult = { measurement_uid: string } | Record<string, never>;

/** Microseconds of the current second's millisecond, from the monotonic high-resolution clock. */
function subMillisecondMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000) % 1000;
}

@Injectable()
export class MeasurementSubmissionService {
  private readonly logger = new Logger('Submission');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly feeder: MeasurementFeeder,
    private readonly committer: SpoolCommitter,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  /**
   * Validates and durably spools one measurement, then queues it for scoring. Resolves
   * only once the body is fsynced: a 200 means the measurement cannot be lost.
   */
  async submit(
    reportId: string,
    raw: Buffer,
    contentEncoding: string | undefined,
    geo: GeoInfo,
  ): Promise<SubmissionResult> {
    const parsed = parseReportId(reportId);
    if (!parsed) {
      this.logger.log(`unexpected report_id ${JSON.stringify(reportId.slice(0, 200))}`);
      throw new ApiError('Incorrect format');
    }
    if (parsed.asn === 0) {
      this.metrics.increment('receive_measurement_discard_asn_0');
      return {};
    }
    const cc = parsed.cc.toUpperCase();
    if (cc === 'ZZ') {
      this.metrics.increment('receive_measurement_discard_cc_zz');
      return {};
    }

    let body: Buffer;
    try {
      const decoded = decodeContent(raw, contentEncoding, this.config.http.max_decoded_body_bytes);
      body = withoutVerificationClaim(decoded, parseSubmission(decoded));
    } catch (err) {
      if (err instanceof SubmissionBodyError) {
        this.metrics.increment('receive_measurement_invalid');
        throw new ApiError(err.message, err.status);
      }
      throw err;
    }

    const now = new Date();
    const uid = measurementUid(now, subMillisecondMicros(), cc, parsed.testName, body);
    await this.committer.write(MeasurementSpool.bucketName(utcHour(now), cc, parsed.testName), uid, body);
    this.metrics.increment('receive_measurement_count');
    const sameNetwork = geo.probe_cc === cc && geo.asn === parsed.asn;
    this.metrics.increment(sameNetwork ? 'probe_cc_asn_match' : 'probe_cc_asn_nomatch');
    this.feeder.offer({ measurementUid: uid, body, receivedAt: now });
    return { measurement_uid: uid };
  }
}
