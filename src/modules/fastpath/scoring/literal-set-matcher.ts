/**
 * Finds which of a fixed set of literal patterns occur in a text, in one pass over the text.
 *
 * Texts and patterns are compared as UTF-8 bytes, so the same matcher serves string bodies and
 * base64-decoded binary bodies (a string contains a pattern iff its UTF-8 encoding contains the
 * pattern's). Each pattern is indexed by one "anchor": 4 consecutive bytes chosen to be rare in
 * web pages. The scan keeps the last 4 bytes in an int and looks its hash up in a sparse 64K-slot
 * table, which rejects almost every position; only an exact anchor hit is verified byte by byte.
 * Patterns shorter than 4 bytes are searched separately. This replaces the original's one
 * `str.find` per fingerprint and per body.
 */

const Q = 4;
const TABLE_BITS = 16;
const TABLE_SHIFT = 32 - TABLE_BITS;
/** Texts up to this many UTF-8 bytes are encoded into a reused buffer. */
const MAX_SCRATCH = 1 << 20;
const MIX = 0x9e3779b1; // Fibonacci hashing multiplier for the anchor table slot

// How often a byte shows up in typical HTML/text: anchors built from rare bytes are hit less often.
// Relative weights, not probabilities.
function commonness(b: number): number {
  if (b === 0x20) return 10;
  if (b >= 0x61 && b <= 0x7a) return 'etaoinsrhl'.includes(String.fromCharCode(b)) ? 7 : 4;
  if (b === 0x3c || b === 0x3e || b === 0x2f || b === 0x22 || b === 0x3d) return 6;
  if (b === 0x2e || b === 0x2c || b === 0x3a || b === 0x3b || b === 0x2d || b === 0x5f) return 4;
  if (b === 0x0a || b === 0x09 || b === 0x0d) return 5;
  if (b >= 0x30 && b <= 0x39) return 3;
  if (b >= 0x41 && b <= 0x5a) return 2;
  // UTF-8 lead bytes repeat within non-Latin pages; continuation bytes vary more
  if (b >= 0xc0) return 3;
  return 2;
}

const gramAt = (p: Uint8Array, off: number): number =>
  (p[off] << 24) | (p[off + 1] << 16) | (p[off + 2] << 8) | p[off + 3];

export class LiteralSetMatcher {
  private readonly bytes: Uint8Array[];
  private readonly shortPatterns: number[] = [];
  private readonly slotHead = new Int32Array(1 << TABLE_BITS).fill(-1);
  private readonly candGram: Int32Array;
  private readonly candPattern: Int32Array;
  private readonly candOffset: Int32Array;
  private readonly candNext: Int32Array;
  private readonly seenStamp: Uint32Array;
  private stamp = 0;
  private scratch = Buffer.alloc(64 * 1024);

  constructor(patterns: readonly string[]) {
    this.bytes = patterns.map((p) => new Uint8Array(Buffer.from(p, 'utf8')));
    const n = patterns.length;
    this.candGram = new Int32Array(n);
    this.candPattern = new Int32Array(n);
    this.candOffset = new Int32Array(n);
    this.candNext = new Int32Array(n);
    this.seenStamp = new Uint32Array(n);
    const anchorUse = new Map<number, number>();
    let cands = 0;
    this.bytes.forEach((p, idx) => {
      if (p.length < Q) {
        this.shortPatterns.push(idx);
        return;
      }
      const offset = chooseAnchor(p, anchorUse);
      const gram = gramAt(p, offset);
      anchorUse.set(gram, (anchorUse.get(gram) ?? 0) + 1);
      const slot = Math.imul(gram, MIX) >>> TABLE_SHIFT;
      this.candGram[cands] = gram;
      this.candPattern[cands] = idx;
      this.candOffset[cands] = offset;
      this.candNext[cands] = this.slotHead[slot];
      this.slotHead[slot] = cands;
      cands++;
    });
  }

  get size(): number {
    return this.bytes.length;
  }

  /** Indexes of the patterns occurring in `text`, each once, in ascending order. */
  matchText(text: string): number[] {
    const maxBytes = text.length * 3;
    if (maxBytes > MAX_SCRATCH) return this.matchBytes(Buffer.from(text, 'utf8'));
    if (this.scratch.length < maxBytes) this.scratch = Buffer.alloc(Math.max(maxBytes, this.scratch.length * 2));
    const len = this.scratch.write(text, 0, 'utf8');
    return this.matchBytes(this.scratch, len);
  }

  /** Indexes of the patterns occurring in the first `length` bytes of `data`, ascending. */
  matchBytes(data: Uint8Array, length = data.length): number[] {
    const found: number[] = [];
    if (++this.stamp === 0xffffffff) {
      this.seenStamp.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    if (this.shortPatterns.length > 0) {
      const buf = Buffer.from(data.buffer, data.byteOffset, length);
      for (const idx of this.shortPatterns) {
        if (buf.indexOf(this.bytes[idx]) !== -1) {
          this.seenStamp[idx] = stamp;
          found.push(idx);
        }
      }
    }
    const { slotHead, candGram, candNext, candPattern, candOffset, seenStamp, bytes } = this;
    let g = 0;
    for (let i = 0; i < length; i++) {
      g = (g << 8) | data[i];
      let c = slotHead[Math.imul(g, MIX) >>> TABLE_SHIFT];
      if (c === -1) continue;
      for (; c !== -1; c = candNext[c]) {
        if (candGram[c] !== g) continue;
        const idx = candPattern[c];
        if (seenStamp[idx] === stamp) continue;
        const start = i - (Q - 1) - candOffset[c];
        if (start >= 0 && bytesAt(data, length, start, bytes[idx])) {
          seenStamp[idx] = stamp;
          found.push(idx);
        }
      }
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }
}

function bytesAt(data: Uint8Array, length: number, start: number, p: Uint8Array): boolean {
  if (start + p.length > length) return false;
  for (let j = 0; j < p.length; j++) if (data[start + j] !== p[j]) return false;
  return true;
}

function chooseAnchor(p: Uint8Array, anchorUse: Map<number, number>): number {
  let best = 0;
  let bestCost = Infinity;
  for (let off = 0; off + Q <= p.length; off++) {
    let cost = 0;
    for (let i = off; i < off + Q; i++) cost += commonness(p[i]);
    // spreading patterns over distinct anchors keeps each chain short
    cost += 8 * (anchorUse.get(gramAt(p, off)) ?? 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = off;
    }
  }
  return best;
}
