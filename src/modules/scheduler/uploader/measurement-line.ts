import { parse as parseYaml } from 'yaml';

/** One line of a JSONL file and the `jsonl` columns taken from the measurement. */
export interface MeasurementLine {
  /** The measurement as one line of JSON, `measurement_uid` added, with its trailing newline. */
  line: Buffer;
  reportId: string;
  input: string;
  /** False when the submission could not be read: the line then only carries the uid. */
  parsed: boolean;
}

class ScanError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LF = 0x0a;
const CR = 0x0d;

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

/** Legacy meek measurements have a list of inputs: stored as `{a,b}` like the fastpath does. */
export function inputColumn(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.length > 0 && raw.every((i) => typeof i === 'string')) return `{${raw.join(',')}}`;
  return '';
}

const stringColumn = (raw: unknown): string => (typeof raw === 'string' ? raw : '');

function uidMember(uid: string): string {
  return `"measurement_uid":${JSON.stringify(uid)}`;
}

/**
 * Copies the probe's JSON bytes as they are (numbers, escapes and key order included: the
 * published data must be what the probe sent) and appends `measurement_uid` to the object.
 */
function lineFromJsonContent(post: Buffer, uid: string): MeasurementLine {
  const envelope = objectMembers(post, skipWhitespace(post, 0));
  const format = envelope.members.find((m) => m.key === 'format');
  const content = envelope.members.findLast((m) => m.key === 'content');
  if (!format || post.toString('utf8', format.start, format.end) !== '"json"' || !content) {
    throw new ScanError('not a json submission');
  }
  const { members } = objectMembers(post, content.start);
  const field = (key: string): unknown => {
    const m = members.findLast((x) => x.key === key);
    return m ? JSON.parse(post.toString('utf8', m.start, m.end)) : undefined;
  };
  // Everything up to the closing brace, then the uid; duplicate keys resolve to the last one.
  const body = post.subarray(content.start, content.end - 1);
  const tail = `${members.length > 0 ? ',' : ''}${uidMember(uid)}}\n`;
  const line = Buffer.allocUnsafe(body.length + Buffer.byteLength(tail));
  body.copy(line);
  // Raw CR/LF are only legal as whitespace between tokens: flattening them keeps one line per measurement.
  for (let i = 0; i < body.length; i++) if (line[i] === LF || line[i] === CR) line[i] = 0x20;
  line.write(tail, body.length);
  return { line, reportId: stringColumn(field('report_id')), input: inputColumn(field('input')), parsed: true };
}

function lineFromObject(msm: Record<string, unknown>, uid: string): MeasurementLine {
  const line = Buffer.from(`${JSON.stringify({ ...msm, measurement_uid: uid })}\n`);
  return { line, reportId: stringColumn(msm.report_id), input: inputColumn(msm.input), parsed: true };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a spooled submission (`{"format": "json"|"yaml", "content": ...}`) into its JSONL line. */
export function measurementLine(post: Buffer, uid: string): MeasurementLine {
  try {
    return lineFromJsonContent(post, uid);
  } catch {
    // Not the common case (YAML reports, odd JSON): parse it fully.
  }
  try {
    const envelope: unknown = JSON.parse(post.toString('utf8'));
    if (isRecord(envelope)) {
      if (envelope.format === 'json' && isRecord(envelope.content)) return lineFromObject(envelope.content, uid);
      if (envelope.format === 'yaml' && typeof envelope.content === 'string') {
        const msm: unknown = parseYaml(envelope.content);
        if (isRecord(msm)) return lineFromObject(msm, uid);
      }
    }
  } catch {
    // Falls through to the placeholder line.
  }
  return { line: Buffer.from(`{${uidMember(uid)}}\n`), reportId: '', input: '', parsed: false };
}
