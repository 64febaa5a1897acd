/**
 * bytes.decode('utf-8', errors) for the two error handlers the legacy normalizer uses:
 * 'ignore' drops undecodable bytes, 'backslashreplace' renders each of them as `\xNN`.
 * Like CPython, surrogate code points and overlong forms are invalid.
 */
export function decodeUtf8(bytes: Uint8Array, errors: 'ignore' | 'backslashreplace'): string {
  const parts: string[] = [];
  let chunkStart = 0;
  let i = 0;
  const n = bytes.length;
  const flushValid = (end: number): void => {
    if (end > chunkStart) {
      parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + chunkStart, end - chunkStart).toString('utf8'));
    }
  };
  while (i < n) {
    const len = validSequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    flushValid(i);
    if (errors === 'backslashreplace') parts.push('\\x' + bytes[i].toString(16).padStart(2, '0'));
    i += 1;
    chunkStart = i;
  }
  flushValid(n);
  return parts.join('');
}

const isCont = (b: number): boolean => (b & 0xc0) === 0x80;

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there cannot be decoded. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const b0 = b[i];
  if (b0 < 0x80) return 1;
  const n = b.length;
  if (b0 >= 0xc2 && b0 <= 0xdf) return i + 1 < n && isCont(b[i + 1]) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (i + 2 >= n) return 0;
    const b1 = b[i + 1];
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return b1 >= lo && b1 <= hi && isCont(b[i + 2]) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (i + 3 >= n) return 0;
    const b1 = b[i + 1];
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return b1 >= lo && b1 <= hi && isCont(b[i + 2]) && isCont(b[i + 3]) ? 4 : 0;
  }
  return 0;
}
