import { Injectable, Logger } from '@nestjs/common';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppConfig } from '../../common/config/app-config';
import { ComponentMetrics, MetricsService } from '../../common/metrics/metrics.service';
import { bucketOfUid, MeasurementSpool } from '../../common/spool/measurement-spool';
import { submittedMeasurement } from '../../common/spool/submitted-measurement';
import { JsonlBodyReader } from '../../common/storage/jsonl-body.reader';
import { ObjectStorage } from '../../common/storage/object-storage';
import { JsonlIndexService } from '../jsonl-index/jsonl-index.service';

const gunzipAsync = promisify(gunzip);
const OTHER_HOST_TIMEOUT_MS = 5000;

/** The probe's content exactly as submitted: the same bytes as its line in the bucket's JSONL file. */
const unwrapPost = (post: Buffer): Buffer | null => submittedMeasurement(post)?.body ?? null;

/**
 * Finds a measurement body: the local spool (fresh, not yet uploaded), then the other API
 * hosts' spools (active/active), then the data bucket through the `jsonl` index — a byte
 * range read of the measurement's own gzip member when offsets are known.
 */
@Injectable()
export class MeasurementBodyService {
  private readonly logger = new Logger('MeasurementBody');
  private readonly metrics: ComponentMetrics;

  constructor(
    private readonly config: AppConfig,
    private readonly jsonl: JsonlIndexService,
    private readonly storage: ObjectStorage,
    private readonly reader: JsonlBodyReader,
    private readonly spool: MeasurementSpool,
    metrics: MetricsService,
  ) {
    this.metrics = metrics.component('ooni-api');
  }

  async find(measurementUid: string): Promise<Buffer | null> {
    const body =
      (await this.fromSpool(measurementUid)) ??
      (await this.fromOtherHosts(measurementUid)) ??
      (await this.fromBucket(measurementUid));
    this.metrics.increment(body ? 'msmt_body_found' : 'msmt_body_not_found');
    return body;
  }

  /** The raw `.post` file of a spooled measurement (served to the other API hosts). */
  rawPost(measurementUid: string): Promise<Buffer | null> {
    return this.spool.read(measurementUid);
  }

  private async fromSpool(measurementUid: string): Promise<Buffer | null> {
    const post = await this.spool.read(measurementUid);
    return post ? unwrapPost(post) : null;
  }

  private async fromOtherHosts(measurementUid: string): Promise<Buffer | null> {
    const bucket = bucketOfUid(measurementUid);
    if (!bucket) return null;
    for (const base of this.config.measurements.other_hosts) {
      try {
        const res = await fetch(`${base.replace(/\/$/, '')}/measurement_spool/${bucket}/${measurementUid}.post`, {
          signal: AbortSignal.timeout(OTHER_HOST_TIMEOUT_MS),
        });
        if (res.status !== 200) continue;
        const body = unwrapPost(Buffer.from(await res.arrayBuffer()));
        if (body) return body;
      } catch (err) {
        this.logger.warn(`fetching ${measurementUid} from ${base} failed: ${(err as Error).message}`);
      }
    }
    return null;
  }

  private async fromBucket(measurementUid: string): Promise<Buffer | null> {
    const where = await this.jsonl.locate(measurementUid);
    if (!where) return null;
    try {
      if (where.byte_length > 0) return await this.reader.read(where.s3path, where.byte_offset, where.byte_length);
      // Files without offsets: decompress and take the line.
      const lines = (await gunzipAsync(await this.storage.get(where.s3path))).toString('utf8').split('\n');
      const line = lines[where.linenum];
      return line ? Buffer.from(line) : null;
    } catch (err) {
      this.logger.error(`reading ${where.s3path} for ${measurementUid} failed: ${(err as Error).message}`);
      return null;
    }
  }
}
