/** A measurement accepted from a probe, durable in the spool, waiting to be scored. */
export interface FeedItem {
  measurementUid: string;
  /** The probe's (decoded) submission body: `{"format": ..., "content": ...}`. */
  body: Buffer;
  receivedAt: Date;
}

export type FeedConsumer = (items: FeedItem[]) => Promise<void>;

/**
 * Hands accepted measurements to the fastpath. Submission never waits on scoring: `offer`
 * returns at once, and when the consumer falls behind and the bounded queue is full the
 * item is dropped (it stays in the spool and reaches the bucket; reprocessing scores it).
 */
export abstract class MeasurementFeeder {
  /** Returns false when the measurement was not queued. */
  abstract offer(item: FeedItem): boolean;
  /** Installs the consumer (the fastpath). Items offered before it are kept, up to the bound. */
  abstract consume(consumer: FeedConsumer): void;
  abstract get queued(): number;
  /** Resolves when everything queued so far has been handed to the consumer. */
  abstract drain(): Promise<void>;
}
