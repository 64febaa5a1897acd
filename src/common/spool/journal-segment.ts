import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * One record of a spool journal segment: `magic u32 | segment tag u32 | uid length u16 |
 * body length u32 | crc32(uid + body) u32 | uid | body` (big endian). A segment is a sequence
 * of records written group by group over a preallocated file; reading stops at the first
 * record that is incomplete, does not check out, or carries another segment's tag (the zeros
 * of a fresh file, or the stale records of a recycled one).
 */
const MAGIC = 0x4f4a5232; // "OJR2"
const HEADER_BYTES = 18;
const MAX_UID_BYTES = 200;

export interface JournalRecord {
  uid: string;
  body: Buffer;
}

/** The tag of the records of the segment named `file`: a recycled file's old records do not match its new name. */
export function segmentTag(file: string): number {
  return crc32(path.basename(file));
}

/** The buffers of one record, for a vectored write. */
export function encodeRecord(tag: number, uid: string, body: Buffer): Buffer[] {
  const uidBytes = Buffer.from(uid, 'latin1');
  if (uidBytes.length > MAX_UID_BYTES) throw new Error('measurement uid too long for the journal');
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt32BE(tag, 4);
  header.writeUInt16BE(uidBytes.length, 8);
  header.writeUInt32BE(body.length, 10);
  header.writeUInt32BE(crc32(body, crc32(uidBytes)), 14);
  return [header, uidBytes, body];
}

interface Header {
  uidLength: number;
  bodyLength: number;
  crc: number;
}

function parseHeader(b: Buffer, tag: number): Header | null {
  if (b.length < HEADER_BYTES || b.readUInt32BE(0) !== MAGIC || b.readUInt32BE(4) !== tag) return null;
  const uidLength = b.readUInt16BE(8);
  if (uidLength === 0 || uidLength > MAX_UID_BYTES) return null;
  return { uidLength, bodyLength: b.readUInt32BE(10), crc: b.readUInt32BE(14) };
}

/** Every complete, intact record of a segment, in order (a segment is at most a few tens of MiB). */
export async function readSegment(file: string): Promise<JournalRecord[]> {
  return decodeRecords(await fs.promises.readFile(file), segmentTag(file));
}

/** The complete, intact records of segment `tag` at the start of `data`, up to the first that is not. */
export function decodeRecords(data: Buffer, tag: number): JournalRecord[] {
  const records: JournalRecord[] = [];
  let pos = 0;
  for (;;) {
    const h = parseHeader(data.subarray(pos, pos + HEADER_BYTES), tag);
    if (h === null) break;
    const uidStart = pos + HEADER_BYTES;
    const bodyStart = uidStart + h.uidLength;
    const end = bodyStart + h.bodyLength;
    if (end > data.length) break;
    const uidBytes = data.subarray(uidStart, bodyStart);
    const body = data.subarray(bodyStart, end);
    if (crc32(body, crc32(uidBytes)) !== h.crc) break;
    records.push({ uid: uidBytes.toString('latin1'), body: Buffer.from(body) });
    pos = end;
  }
  return records;
}

/**
 * The uids of the records from byte `from` on, read from their headers only (bodies are
 * skipped), and the offset after the last complete one: a segment another process is still
 * writing is read again from there.
 */
export async function readSegmentUids(file: string, from: number): Promise<{ uids: string[]; end: number }> {
  const tag = segmentTag(file);
  const uids: string[] = [];
  const handle = await fs.promises.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.alloc(HEADER_BYTES + MAX_UID_BYTES);
    let pos = from;
    while (pos + HEADER_BYTES <= size) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
      const h = parseHeader(buf.subarray(0, bytesRead), tag);
      if (h === null || HEADER_BYTES + h.uidLength > bytesRead) break;
      const end = pos + HEADER_BYTES + h.uidLength + h.bodyLength;
      if (end > size) break;
      uids.push(buf.toString('latin1', HEADER_BYTES, HEADER_BYTES + h.uidLength));
      pos = end;
    }
    return { uids, end: pos };
  } finally {
    await handle.close();
  }
}
