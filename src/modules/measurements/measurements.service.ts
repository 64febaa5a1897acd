import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../common/config/app-config';
import { param, RawQuery } from '../../common/validation/query-params';
import { FastpathSearchReader } from '../fastpath-store/fastpath-search.reader';
import { FastpathSearchRow } from './measurements.types';
import { SearchFilters } from './search-params';
import { UrlCategoryRepository } from './url-category.repository';

export interface SearchResult {
  anomaly: boolean;
  confirmed: boolean;
  failure: boolean;
  input: string | null;
  measurement_start_time: string;
  measurement_uid: string;
  measurement_url: string;
  probe_asn: string;
  probe_cc: string;
  report_id: string;
  scores: unknown;
  test_name: string;
  verification_status: VerificationStatus;
}

export interface SearchResponse {
  metadata: {
    count: number;
    current_page: number;
    limit: number;
    next_url: string | null;
    offset: number;
    pages: number;
    query_time: number;
  };
  results: SearchResult[];
}

export interface MeasurementMeta {
  anomaly: boolean;
  category_code: string;
  confirmed: boolean;
  failure: boolean;
  input: string;
  measurement_start_time: string;
  measurement_uid: string;
  probe_asn: number;
  probe_cc: string;
  report_id: string;
  scores: string;
  test_name: string;
  test_start_time: string;
  verification_status: VerificationStatus;
}

export type VerificationStatus = 'verified' | 'failed' | 'unverified';

/** `fastpath.is_verified` as the newer OONI measurements service names it (`VerificationStatus.from_code`). */
export function verificationStatus(code: string): VerificationStatus {
  return code === 't' ? 'verified' : code === 'f' ? 'failed' : 'unverified';
}

function parseScores(scores: string): unknown {
  try {
    return JSON.parse(scores) as unknown;
  } catch {
    return {};
  }
}

@Injectable()
export class MeasurementsService {
  constructor(
    private readonly config: AppConfig,
    private readonly fastpath: FastpathSearchReader,
    private readonly categories: UrlCategoryRepository,
  ) {}

  private url(path: string, params: Record<string, string>): string {
    return `${this.config.base_url.replace(/\/$/, '')}${path}?${new URLSearchParams(params).toString()}`;
  }

  async search(filters: SearchFilters, query: RawQuery): Promise<SearchResponse> {
    const started = performance.now();
    const rows = await this.fastpath.search(filters);
    const results = rows.map((row) => this.toResult(row));
    const { offset, limit } = filters;
    // A full page: there may be more, and counting would cost a full scan (legacy: -1).
    const full = results.length >= limit;
    const count = full ? -1 : offset + results.length;
    let nextUrl: string | null = null;
    if (full) {
      const args: Record<string, string> = {};
      for (const key of Object.keys(query)) {
        const value = param(query, key);
        if (value !== undefined) args[key] = value;
      }
      nextUrl = this.url('/api/v1/measurements', { ...args, offset: String(offset + limit), limit: String(limit) });
    }
    return {
      metadata: {
        count,
        current_page: Math.ceil(offset / limit) + 1,
        limit,
        next_url: nextUrl,
        offset,
        pages: full ? -1 : Math.ceil(count / limit),
        query_time: (performance.now() - started) / 1000,
      },
      results,
    };
  }

  private toResult(row: FastpathSearchRow): SearchResult {
    return {
      anomaly: row.anomaly === 't',
      confirmed: row.confirmed === 't',
      failure: row.msm_failure === 't',
      input: row.input === '' ? null : row.input,
      measurement_start_time: row.measurement_start_time_z,
      measurement_uid: row.measurement_uid,
      measurement_url: this.url('/api/v1/raw_measurement', { measurement_uid: row.measurement_uid }),
      probe_asn: `AS${row.probe_asn}`,
      probe_cc: row.probe_cc,
      report_id: row.report_id,
      scores: parseScores(row.scores),
      test_name: row.test_name,
      verification_status: verificationStatus(row.is_verified),
    };
  }

  /** Metadata by uid, or by report_id + input; undefined when unknown (or from ASN 0). */
  async meta(
    by: { measurementUid: string } | { reportId: string; input: string },
  ): Promise<MeasurementMeta | undefined> {
    const row =
      'measurementUid' in by
        ? await this.fastpath.byUid(by.measurementUid)
        : await this.fastpath.byReportInput(by.reportId, by.input);
    if (!row || row.probe_asn === 0) return undefined;
    // Strings, "" when empty, as api.ooni.org answers (the legacy code gave null).
    return {
      anomaly: row.anomaly === 't',
      category_code: (row.input ? await this.categories.categoryOf(row.input) : null) ?? '',
      confirmed: row.confirmed === 't',
      failure: row.msm_failure === 't',
      input: row.input,
      measurement_start_time: row.measurement_start_time_z,
      measurement_uid: row.measurement_uid,
      probe_asn: row.probe_asn,
      probe_cc: row.probe_cc,
      report_id: row.report_id,
      scores: row.scores,
      test_name: row.test_name,
      test_start_time: row.test_start_time_z,
      verification_status: verificationStatus(row.is_verified),
    };
  }
}
