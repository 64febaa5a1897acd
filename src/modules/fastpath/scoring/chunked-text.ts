import { isUtf8 } from 'node:buffer';

/**
 * Text decoded in pieces below V8's large-object size: one 570 KB string costs ~0.75 µs per KB to
 * allocate (fresh pages), 64 KiB pieces ~20x less. Offsets are in UTF-16 units of the whole text.
 */
export class ChunkedText {
  static readonly CHUNK_BYTES = 64 * 1024;

  private readonly bases: number[] = [];
  readonly length: number;

  private constructor(readonly chunks: readonly string[]) {
    let base = 0;
    for (const chunk of chunks) {
      this.bases.push(base);
      base += chunk.length;
    }
    this.length = base;
  }

  static of(text: string): ChunkedText {
    return new ChunkedText([text]);
  }

  /**
   * UTF-8 bytes in pieces cut before a character's first byte, so that each piece decodes as it
   * would within the whole. Undefined for invalid UTF-8 (whose replacement characters could differ).
   */
  static decode(bytes: Uint8Array): ChunkedText | undefined {
    if (!isUtf8(bytes)) return undefined;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const chunks: string[] = [];
    let start = 0;
    while (start < buf.length) {
      let end = Math.min(start + ChunkedText.CHUNK_BYTES, buf.length);
      // 10xxxxxx: a continuation byte, never the first of a character
      while (end < buf.length && (buf[end] & 0xc0) === 0x80) end--;
      chunks.push(buf.toString('utf8', start, end));
      start = end;
    }
    return new ChunkedText(chunks);
  }

  /** The text from `from` (inclusive) to `to` (exclusive). */
  slice(from: number, to: number): string {
    let c = this.chunkAt(from);
    if (to <= this.bases[c] + this.chunks[c].length) {
      return this.chunks[c].slice(from - this.bases[c], to - this.bases[c]);
    }
    const parts: string[] = [];
    for (; c < this.chunks.length && this.bases[c] < to; c++) {
      parts.push(this.chunks[c].slice(Math.max(0, from - this.bases[c]), to - this.bases[c]));
    }
    return parts.join('');
  }

  /** How many backslashes immediately precede position `pos` of chunk `c` (across chunk starts). */
  backslashesBefore(c: number, pos: number): number {
    let n = 0;
    for (let k = c, i = pos - 1; k >= 0; k--, i = k >= 0 ? this.chunks[k].length - 1 : 0) {
      const chunk = this.chunks[k];
      while (i >= 0 && chunk.charCodeAt(i) === 0x5c) {
        n++;
        i--;
      }
      if (i >= 0) break;
    }
    return n;
  }

  /** The first character code at or after `pos` that is not JSON whitespace; -1 at the end. */
  nextNonSpace(pos: number): number {
    for (let c = this.chunkAt(pos), i = pos - this.bases[c]; c < this.chunks.length; c++, i = 0) {
      const chunk = this.chunks[c];
      for (; i < chunk.length; i++) {
        const code = chunk.charCodeAt(i);
        if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return code;
      }
    }
    return -1;
  }

  /** Offset of chunk `c`'s first character in the whole text. */
  base(c: number): number {
    return this.bases[c];
  }

  /** The chunk holding offset `pos` (binary search: a 64 MiB body has ~1,000 chunks). */
  private chunkAt(pos: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bases[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
