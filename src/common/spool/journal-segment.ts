import * as fs from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * One record of a spool journal segment: `magic u32 | uid length u16 | body length u32 |
 * crc32(uid + body) u32 | uid | body` (big endian). A segment is a sequence of records, appended
 * and made durable group by group; reading stops at the first record that is incomplete or
 * does not check out (the tail of a group whose fsync never completed).
 */
const MAGIC = 0x4f4a5231; // "OJR1"
const HEADER_BYTES = 14;
const MAX_UID_BYTES = 200;

export interface JournalRecord {
  uid: string;
  body: Buffer;
}

/** The buffers of one record, for a vectored write. */
export function encodeRecord(uid: string, body: Buffer): Buffer[] {
  const uidBytes = Buffer.from(uid, 'latin1');
  if (uidBytes.length > MAX_UID_BYTES) throw new Error('measurement uid too long for the journal');
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(MAGIC, 0);
  header.writeUInt16BE(uidBytes.length, 4);
  header.writeUInt32BE(body.length, 6);
  header.writeUInt32BE(crc32(body, crc32(uidBytes)), 10);
  return [header, uidBytes, body];
}

interface Header {
  uidLength: number;
  bodyLength: number;
  crc: number;
}

function parseHeader(b: Buffer): Header | null {
  if (b.length < HEADER_BYTES || b.readUInt32BE(0) !== MAGIC) return null;
  const uidLength = b.readUInt16BE(4);
  if (uidLength === 0 || uidLength > MAX_UID_BYTES) return null;
  return { uidLength, bodyLength: b.readUInt32BE(6), crc: b.readUInt32BE(10) };
}

/** Every complete, intact record of a segment, in order (a segment is at most a few tens of MiB). */
export async function readSegment(file: string): Promise<JournalRecord[]> {
  return decodeRecords(await fs.promises.readFile(file));
}

/** The complete, intact records at the start of `data`, up to the first that is not. */
export function decodeRecords(data: Buffer): JournalRecord[] {
  const records: JournalRecord[] = [];
  let pos = 0;
  for (;;) {
    const h = parseHeader(data.subarray(pos, pos + HEADER_BYTES));
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
 * appending to is read again from there.
 */
export async function readSegmentUids(file: string, from: number): Promise<{ uids: string[]; end: number }> {
  const uids: string[] = [];
  const handle = await fs.promises.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.alloc(HEADER_BYTES + MAX_UID_BYTES);
    let pos = from;
    while (pos + HEADER_BYTES <= size) {
      const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
      const h = parseHeader(buf.subarray(0, bytesRead));
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
