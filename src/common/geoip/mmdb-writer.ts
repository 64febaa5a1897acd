/**
 * A minimal writer for the MaxMind DB format (https://maxmind.github.io/MaxMind-DB/): an IPv6
 * search tree with IPv4 at ::/96 (aliased at ::ffff:0:0/96), a deduplicated data section and
 * the metadata map. Enough to turn the free CSV range lists into a file any MMDB reader opens.
 */

/** A value whose MMDB integer type is chosen explicitly (the metadata map requires exact types). */
export class MmdbUint {
  constructor(
    readonly bits: 16 | 32 | 64,
    readonly value: number | bigint,
  ) {}
}

export type MmdbValue = string | number | boolean | MmdbUint | MmdbValue[] | { [key: string]: MmdbValue };

export interface MmdbBuildOptions {
  databaseType: string;
  description: string;
  /** Seconds since the epoch; defaults to now. */
  buildEpoch?: number;
  /** Smallest record size to use (bits); the writer picks a larger one when values need it. */
  minRecordSize?: 24 | 28 | 32;
}

const EMPTY = -1;
const dataRecord = (id: number): number => -2 - id;
const isNode = (record: number): boolean => record >= 0;

const enum Type {
  Pointer = 1,
  String = 2,
  Double = 3,
  Uint16 = 5,
  Uint32 = 6,
  Map = 7,
  Uint64 = 9,
  Array = 11,
  Boolean = 14,
}

// Module-level aliases: global lookups are slow in jest's vm sandbox, where the tests build the ASN file.
const { clz32, min, floor } = Math;
const { isInteger } = Number;
const toBigInt = BigInt;
const toNumber = Number;

const METADATA_MARKER = Buffer.from('abcdef4d61784d696e642e636f6d', 'hex');
const DATA_SECTION_SEPARATOR = 16;
const TWO_POW_32 = 2 ** 32;
const U32 = 0xffffffffn;

class ByteSink {
  buf = Buffer.allocUnsafe(1 << 16);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  bytes(b: Buffer): void {
    this.reserve(b.length);
    b.copy(this.buf, this.length);
    this.length += b.length;
  }

  result(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** Encodes data-section values; map keys are written once and then referenced by pointers. */
class DataEncoder {
  readonly out = new ByteSink();
  private readonly keyOffsets = new Map<string, number>();

  constructor(private readonly shareKeys: boolean) {}

  get offset(): number {
    return this.out.length;
  }

  private control(type: Type, size: number): void {
    // Types after Map (7) do not fit in three bits: they follow the control byte.
    const extended = type > Type.Map;
    let first = (extended ? 0 : type) << 5;
    const extra: number[] = [];
    if (size < 29) {
      first |= size;
    } else if (size < 285) {
      first |= 29;
      extra.push(size - 29);
    } else if (size < 65821) {
      const n = size - 285;
      first |= 30;
      extra.push(n >> 8, n & 0xff);
    } else if (size < 65821 + (1 << 24)) {
      const n = size - 65821;
      first |= 31;
      extra.push(n >> 16, (n >> 8) & 0xff, n & 0xff);
    } else {
      throw new RangeError(`MMDB field too large: ${size}`);
    }
    this.out.byte(first);
    if (extended) this.out.byte(type - 7);
    for (const b of extra) this.out.byte(b);
  }

  private pointer(target: number): void {
    if (target < 2048) {
      this.out.byte(0x20 | (target >> 8));
      this.out.byte(target & 0xff);
    } else if (target < 2048 + (1 << 19)) {
      const n = target - 2048;
      this.out.bytes(Buffer.from([0x28 | (n >> 16), (n >> 8) & 0xff, n & 0xff]));
    } else if (target < 526336 + (1 << 27)) {
      const n = target - 526336;
      this.out.bytes(Buffer.from([0x30 | (n >>> 24), (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]));
    } else {
      const b = Buffer.alloc(5);
      b[0] = 0x38;
      b.writeUInt32BE(target, 1);
      this.out.bytes(b);
    }
  }

  private uint(type: Type, value: number | bigint): void {
    const bytes: number[] = [];
    if (typeof value === 'number') {
      for (let v = value; v > 0; v = floor(v / 256)) bytes.unshift(v % 256);
    } else {
      for (let v = value; v > 0n; v >>= 8n) bytes.unshift(toNumber(v & 0xffn));
    }
    this.control(type, bytes.length);
    for (const b of bytes) this.out.byte(b);
  }

  private key(key: string): void {
    const seen = this.keyOffsets.get(key);
    if (seen !== undefined) return this.pointer(seen);
    if (this.shareKeys) this.keyOffsets.set(key, this.offset);
    this.write(key);
  }

  write(value: MmdbValue): void {
    if (typeof value === 'string') {
      const b = Buffer.from(value, 'utf8');
      this.control(Type.String, b.length);
      this.out.bytes(b);
    } else if (typeof value === 'boolean') {
      this.control(Type.Boolean, value ? 1 : 0);
    } else if (typeof value === 'number') {
      if (isInteger(value) && value >= 0 && value < TWO_POW_32) {
        this.uint(Type.Uint32, value);
      } else {
        this.control(Type.Double, 8);
        const b = Buffer.alloc(8);
        b.writeDoubleBE(value);
        this.out.bytes(b);
      }
    } else if (value instanceof MmdbUint) {
      const type = value.bits === 16 ? Type.Uint16 : value.bits === 32 ? Type.Uint32 : Type.Uint64;
      this.uint(type, value.value);
    } else if (Array.isArray(value)) {
      this.control(Type.Array, value.length);
      for (const item of value) this.write(item);
    } else {
      const entries = Object.entries(value);
      this.control(Type.Map, entries.length);
      for (const [k, v] of entries) {
        this.key(k);
        this.write(v);
      }
    }
  }
}

/** The metadata section, after the metadata marker. */
function metadataSection(opts: MmdbBuildOptions, nodeCount: number, recordSize: number): Buffer {
  const meta = new DataEncoder(false);
  meta.write({
    binary_format_major_version: new MmdbUint(16, 2),
    binary_format_minor_version: new MmdbUint(16, 0),
    build_epoch: new MmdbUint(64, floor(opts.buildEpoch ?? Date.now() / 1000)),
    database_type: opts.databaseType,
    description: { en: opts.description },
    ip_version: new MmdbUint(16, 6),
    languages: ['en'],
    node_count: new MmdbUint(32, nodeCount),
    record_size: new MmdbUint(16, recordSize),
  });
  return meta.out.result();
}

/** Bit `d` (from the most significant) of an address held as 32-bit words. */
function bitAt(words: number[], d: number): number {
  return (words[d >> 5] >>> (31 - (d & 31))) & 1;
}

/**
 * Builds the search tree in growable typed arrays. A record is a node index (>= 0), EMPTY, or
 * a data value id encoded as -2 - id. Later inserts override earlier ones where they overlap.
 */
export class MmdbWriter {
  private left = new Int32Array(1 << 20);
  private right = new Int32Array(1 << 20);
  private nodes = 0;
  private readonly values: MmdbValue[] = [];
  private readonly ipv4Root: number;

  constructor() {
    this.newNode(EMPTY, EMPTY);
    this.ipv4Root = this.descend([0, 0, 0, 0], 96);
  }

  /** Registers a data value; pass the returned id to the insert methods. The caller deduplicates. */
  addValue(value: MmdbValue): number {
    this.values.push(value);
    return this.values.length - 1;
  }

  /** Inclusive IPv4 range, addresses as unsigned 32-bit numbers. */
  insertIpv4Range(start: number, end: number, valueId: number): void {
    while (start <= end) {
      const length = end - start + 1;
      const size = min(start === 0 ? 31 : 31 - clz32(start & -start), log2Floor(length), 31);
      this.insert(this.ipv4Root, 96, [0, 0, 0, start >>> 0], 128 - size, dataRecord(valueId));
      start += 2 ** size;
    }
  }

  /** Inclusive IPv6 range. Ranges inside ::/16 are ignored: that space holds IPv4 and its aliases. */
  insertIpv6Range(start: bigint, end: bigint, valueId: number): void {
    if (start >> 112n === 0n) return;
    while (start <= end) {
      const words = [
        toNumber(start >> 96n),
        toNumber((start >> 64n) & U32),
        toNumber((start >> 32n) & U32),
        toNumber(start & U32),
      ];
      const size = min(trailingZeros(words), (end - start + 1n).toString(2).length - 1, 127);
      this.insert(0, 0, words, 128 - size, dataRecord(valueId));
      start += 1n << toBigInt(size);
    }
  }

  /** Serializes the tree, the data section and the metadata. */
  build(opts: MmdbBuildOptions): Buffer {
    // IPv4-mapped IPv6 addresses resolve like their IPv4 address, as in MaxMind's databases.
    this.insert(0, 0, [0, 0, 0xffff, 0], 96, this.ipv4Root);
    const rootRecord = this.simplify(0, new Int32Array(this.nodes), new Uint8Array(this.nodes));
    if (!isNode(rootRecord)) this.left[0] = this.right[0] = rootRecord;

    const { order, newId } = this.depthFirstOrder();
    const nodeCount = order.length;
    const data = new DataEncoder(true);
    const records = this.encodeRecords(order, newId, data);
    const maxRecord = nodeCount + DATA_SECTION_SEPARATOR + data.offset;
    if (maxRecord >= TWO_POW_32) throw new RangeError('MMDB too large for 32-bit records');
    const min = opts.minRecordSize ?? 24;
    const recordSize = maxRecord < 2 ** 24 && min <= 24 ? 24 : maxRecord < 2 ** 28 && min <= 28 ? 28 : 32;
    return Buffer.concat([
      writeTree(records, recordSize),
      Buffer.alloc(DATA_SECTION_SEPARATOR),
      data.out.result(),
      METADATA_MARKER,
      metadataSection(opts, nodeCount, recordSize),
    ]);
  }

  /** The nodes reachable from the root, numbered depth first (left before right): the file's node ids. */
  private depthFirstOrder(): { order: number[]; newId: Int32Array } {
    const order: number[] = [];
    const newId = new Int32Array(this.nodes).fill(-1);
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop() as number;
      if (newId[node] !== -1) continue;
      newId[node] = order.length;
      order.push(node);
      for (const child of [this.right[node], this.left[node]]) {
        if (isNode(child) && newId[child] === -1) stack.push(child);
      }
    }
    return { order, newId };
  }

  /** Both records of every node in file terms; each data value is written to `data` on first use. */
  private encodeRecords(order: number[], newId: Int32Array, data: DataEncoder): Uint32Array {
    const nodeCount = order.length;
    const valueOffsets = new Int32Array(this.values.length).fill(-1);
    const encode = (record: number): number => {
      if (record === EMPTY) return nodeCount;
      if (isNode(record)) return newId[record];
      const id = -2 - record;
      if (valueOffsets[id] === -1) {
        valueOffsets[id] = data.offset;
        data.write(this.values[id]);
      }
      return nodeCount + DATA_SECTION_SEPARATOR + valueOffsets[id];
    };
    const records = new Uint32Array(nodeCount * 2);
    for (let i = 0; i < nodeCount; i++) {
      records[2 * i] = encode(this.left[order[i]]);
      records[2 * i + 1] = encode(this.right[order[i]]);
    }
    return records;
  }

  private newNode(l: number, r: number): number {
    if (this.nodes === this.left.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.left = grow(this.left);
      this.right = grow(this.right);
    }
    this.left[this.nodes] = l;
    this.right[this.nodes] = r;
    return this.nodes++;
  }

  /** The node reached after `depth` bits of `words`, creating nodes on the way. */
  private descend(words: number[], depth: number): number {
    let node = 0;
    for (let d = 0; d < depth; d++) node = this.child(node, words, d);
    return node;
  }

  /**
   * The child of `node` on bit `d` of `words`, created when missing. Splitting a shorter
   * prefix's leaf: both halves keep its value.
   */
  private child(node: number, words: number[], d: number): number {
    const bit = bitAt(words, d);
    const child = bit ? this.right[node] : this.left[node];
    if (isNode(child)) return child;
    const next = this.newNode(child, child);
    if (bit) this.right[node] = next;
    else this.left[node] = next;
    return next;
  }

  /** Sets the record covering the prefix `words`/`prefixLength`, starting from `node` at `depth`. */
  private insert(node: number, depth: number, words: number[], prefixLength: number, record: number): void {
    for (let d = depth; d < prefixLength - 1; d++) node = this.child(node, words, d);
    const d = prefixLength - 1;
    if (bitAt(words, d)) this.right[node] = record;
    else this.left[node] = record;
  }

  /** Collapses nodes whose two halves hold the same value; returns the record standing for `node`. */
  private simplify(node: number, result: Int32Array, done: Uint8Array): number {
    if (done[node]) return result[node];
    const l = isNode(this.left[node]) ? this.simplify(this.left[node], result, done) : this.left[node];
    const r = isNode(this.right[node]) ? this.simplify(this.right[node], result, done) : this.right[node];
    this.left[node] = l;
    this.right[node] = r;
    // Never collapse the root or the shared IPv4 subtree: readers walk to it through 96 zero bits.
    result[node] = l === r && !isNode(l) && node !== 0 && node !== this.ipv4Root ? l : node;
    done[node] = 1;
    return result[node];
  }
}

/** floor(log2(n)) for 1 <= n <= 2**32. */
function log2Floor(n: number): number {
  return n >= TWO_POW_32 ? 32 : 31 - clz32(n);
}

/** Number of trailing zero bits of a 128-bit address given as four 32-bit words (128 for ::). */
function trailingZeros(words: number[]): number {
  for (let i = 3; i >= 0; i--) {
    const w = words[i];
    if (w !== 0) return (3 - i) * 32 + (31 - clz32(w & -w));
  }
  return 128;
}

function writeTree(records: Uint32Array, recordSize: 24 | 28 | 32): Buffer {
  const nodeBytes = recordSize / 4;
  const out = Buffer.alloc((records.length / 2) * nodeBytes);
  for (let i = 0, o = 0; i < records.length; i += 2, o += nodeBytes) {
    const l = records[i];
    const r = records[i + 1];
    if (recordSize === 24) {
      out.writeUIntBE(l, o, 3);
      out.writeUIntBE(r, o + 3, 3);
    } else if (recordSize === 28) {
      out.writeUIntBE(l & 0xffffff, o, 3);
      out[o + 3] = ((l >>> 24) << 4) | (r >>> 24);
      out.writeUIntBE(r & 0xffffff, o + 4, 3);
    } else {
      out.writeUInt32BE(l, o);
      out.writeUInt32BE(r, o + 4);
    }
  }
  return out;
}
