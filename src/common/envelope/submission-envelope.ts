/**
 * The legacy submission envelope, the one place that knows it: probes POST
 * `{"format": "json", "content": {...}}` (the measurement as a JSON object) or
 * `{"format": "yaml", "content": "..."}` (old probes: the measurement as YAML text). The spool,
 * the postcans and the fastpath feed carry these bodies; the JSONL files carry the content.
 */
export type SubmissionEnvelope =
  { format: 'json'; content: Record<string, unknown> } | { format: 'yaml'; content: string };

export type EnvelopeFormat = SubmissionEnvelope['format'];

/** Why a value is not a usable envelope. */
export type EnvelopeProblem = 'not_an_object' | 'unknown_format' | 'content_not_an_object' | 'content_not_text';

export interface EnvelopeOptions {
  /** Accept the format in any case (`"JSON"`), as the legacy fastpath does when scoring. */
  anyCase?: boolean;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a JSON object is an envelope at all (both keys present) rather than a bare measurement. */
export function hasEnvelopeKeys(value: Record<string, unknown>): boolean {
  return Object.hasOwn(value, 'format') && Object.hasOwn(value, 'content');
}

/** The format named by an envelope's `format` value, or undefined when it names none. */
export function envelopeFormat(format: unknown, opts: EnvelopeOptions = {}): EnvelopeFormat | undefined {
  if (typeof format !== 'string') return undefined;
  const name = opts.anyCase ? format.toLowerCase() : format;
  return name === 'json' || name === 'yaml' ? name : undefined;
}

/** The envelope of a parsed body, or what is wrong with it. */
export function readEnvelope(value: unknown, opts: EnvelopeOptions = {}): SubmissionEnvelope | EnvelopeProblem {
  if (!isRecord(value)) return 'not_an_object';
  const format = envelopeFormat(value.format, opts);
  const { content } = value;
  if (format === 'json') return isRecord(content) ? { format, content } : 'content_not_an_object';
  if (format === 'yaml') return typeof content === 'string' ? { format, content } : 'content_not_text';
  return 'unknown_format';
}

/** The measurement object of a JSON envelope (format in any case, as scoring reads it); undefined for YAML text or no envelope. */
export function jsonEnvelopeContent(value: unknown): Record<string, unknown> | undefined {
  const envelope = readEnvelope(value, { anyCase: true });
  return typeof envelope === 'object' && envelope.format === 'json' ? envelope.content : undefined;
}

/** The `is_verified` value the probe services add next to `format` and `content`, as it was sent. */
export function envelopeIsVerified(value: unknown): unknown {
  return isRecord(value) ? value.is_verified : undefined;
}

/** A measurement wrapped as a JSON submission body (e.g. a JSONL line scored again). */
export function jsonEnvelope(content: unknown): string {
  return JSON.stringify({ format: 'json', content });
}
