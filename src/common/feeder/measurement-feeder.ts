/** A measurement accepted from a probe, durable in the spool, waiting to be scored. */
export interface FeedItem {
  measurementUid: string;
  /** The probe's (decoded) submission body, a `SubmissionEnvelope` (`src/common/envelope/`). */
  body: Buffer;
  receivedAt: Date;
}

export type FeedConsumer = (items: FeedItem[]) => Promise<void>;
/** Resolves once everything the consumer was given is stored; rejects when it could not be. */
export type FeedFlush = () => Promise<void>;

/**
 * Hands accepted measurements to the fastpath. Submission never waits on scoring: `offer`
 * returns at once, and when the consumer falls behind and the bounded queue is full the
 * item is dropped (it stays in the spool and reaches the bucket; reprocessing scores it).
 */
export abstract class MeasurementFeeder {
  /** Returns false when the measurement was not queued. */
  abstract offer(item: FeedItem): boolean;
  /** Installs the consumer (the fastpath). Items offered before it are kept, up to the bound. */
  abstract consume(consumer: FeedConsumer, flush?: FeedFlush): void;
  /**
   * Hands the items over outside the bounded queue and resolves once they are scored and
   * stored (in process) or accepted by the fastpath process (HTTP); rejects when they could
   * not be. Resolves at once when nothing scores measurements here.
   */
  abstract feedAndWait(items: FeedItem[]): Promise<void>;
  /** Whether measurements are scored at all (in process, or by a fastpath process). */
  abstract get active(): boolean;
  abstract get queued(): number;
  /** Resolves when everything queued so far has been handed to the consumer. */
  abstract drain(): Promise<void>;
}
