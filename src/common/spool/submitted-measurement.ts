import { parse as parseYaml } from 'yaml';
import { envelopeFormat, isRecord, readEnvelope } from '../envelope/submission-envelope';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  CR,
  LF,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from '../json/json-bytes';

/**
 * The probe's measurement inside a spooled submission (`{"format": "json"|"yaml", "content": ...}`),
 * read without re-serializing it: the bytes of the `content` value exactly as the probe sent
 * them (key order, whitespace, number formats and escapes included). This is what the data
 * bucket's JSONL files hold and what every body route serves.
 */
export interface SubmittedMeasurement {
  /** The content's JSON text, one line (raw CR/LF between tokens become spaces), no newline. */
  body: Buffer;
  /** A top-level field of the content (the last one when a key repeats, like JSON.parse). */
  field(key: string): unknown;
}

class ScanError extends Error {}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR;
}

function skipWhitespace(b: Buffer, i: number): number {
  while (i < b.length && isWhitespace(b[i])) i++;
  return i;
}

/** `b[i]` is the opening quote; returns the index after the closing one. */
function skipString(b: Buffer, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = b.indexOf(QUOTE, j);
    if (q < 0) throw new ScanError('unterminated string');
    let slashes = 0;
    for (let k = q - 1; k > i && b[k] === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Returns the index after the JSON value starting at `i` (whitespace already skipped). */
function skipValue(b: Buffer, i: number): number {
  const c = b[i];
  if (c === QUOTE) return skipString(b, i);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    let j = i;
    while (j < b.length) {
      const d = b[j];
      if (d === QUOTE) {
        j = skipString(b, j);
        continue;
      }
      if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
      else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    throw new ScanError('unterminated container');
  }
  let j = i;
  while (j < b.length && !isWhitespace(b[j]) && b[j] !== COMMA && b[j] !== CLOSE_OBJECT && b[j] !== CLOSE_ARRAY) j++;
  if (j === i) throw new ScanError('missing value');
  return j;
}

interface Member {
  key: string;
  start: number;
  end: number;
}

/** The members of the object starting at `start`, each with the byte span of its value. */
function objectMembers(b: Buffer, start: number): { members: Member[]; end: number } {
  if (b[start] !== OPEN_OBJECT) throw new ScanError('not an object');
  const members: Member[] = [];
  let i = skipWhitespace(b, start + 1);
  if (b[i] === CLOSE_OBJECT) return { members, end: i + 1 };
  for (;;) {
    if (b[i] !== QUOTE) throw new ScanError('expected a key');
    const keyEnd = skipString(b, i);
    const key = JSON.parse(b.toString('utf8', i, keyEnd)) as string;
    i = skipWhitespace(b, keyEnd);
    if (b[i] !== COLON) throw new ScanError('expected a colon');
    const valueStart = skipWhitespace(b, i + 1);
    const valueEnd = skipValue(b, valueStart);
    members.push({ key, start: valueStart, end: valueEnd });
    i = skipWhitespace(b, valueEnd);
    if (b[i] === COMMA) {
      i = skipWhitespace(b, i + 1);
      continue;
    }
    if (b[i] === CLOSE_OBJECT) return { members, end: i + 1 };
    throw new ScanError('expected a comma or the end of the object');
  }
}

function fromJsonBytes(post: Buffer): SubmittedMeasurement {
  const envelope = objectMembers(post, skipWhitespace(post, 0));
  const format = envelope.members.find((m) => m.key === 'format');
  const content = envelope.members.findLast((m) => m.key === 'content');
  if (!format || envelopeFormat(JSON.parse(post.toString('utf8', format.start, format.end))) !== 'json' || !content) {
    throw new ScanError('not a json submission');
  }
  const { members } = objectMembers(post, content.start);
  const body = Buffer.from(post.subarray(content.start, content.end));
  // Raw CR/LF are only legal as whitespace between tokens: flattening them keeps one line per measurement.
  for (let i = 0; i < body.length; i++) if (body[i] === LF || body[i] === CR) body[i] = 0x20;
  const field = (key: string): unknown => {
    const m = members.findLast((x) => x.key === key);
    return m ? JSON.parse(post.toString('utf8', m.start, m.end)) : undefined;
  };
  return { body, field };
}

function fromObject(msm: Record<string, unknown>): SubmittedMeasurement {
  return { body: Buffer.from(JSON.stringify(msm)), field: (key) => msm[key] };
}

/** Parses fully what the byte scanner does not take (YAML reports, odd JSON); null when unreadable. */
function fromParsed(post: Buffer): SubmittedMeasurement | null {
  try {
    const envelope = readEnvelope(JSON.parse(post.toString('utf8')));
    if (typeof envelope === 'string') return null;
    const msm: unknown = envelope.format === 'json' ? envelope.content : parseYaml(envelope.content);
    if (isRecord(msm)) return fromObject(msm);
  } catch {
    // Unreadable: no measurement.
  }
  return null;
}

/** The measurement of a spooled submission, or null when it cannot be read. */
export function submittedMeasurement(post: Buffer): SubmittedMeasurement | null {
  try {
    return fromJsonBytes(post);
  } catch {
    return fromParsed(post);
  }
}
