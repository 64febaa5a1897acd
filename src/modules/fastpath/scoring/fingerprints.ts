import { splitCommaList } from '../../../common/validation/comma-list';
import { LiteralSetMatcher } from './literal-set-matcher';
import { get, isDict, pyB64Decode } from './py-compat';
import { FingerprintRecord, MiniFingerprint } from './types';

/**
 * Fingerprint matching, compiled once per fingerprint list (the original loops over every
 * fingerprint for every response). Matching semantics follow the original exactly:
 * - DNS: an answer's ipv4 (else hostname, else ipv6) equals the pattern, whatever its pattern_type;
 * - HTTP body ("body" location): the pattern occurs as a literal substring of the body, whatever its
 *   pattern_type (legacy quirk: "regexp" and "full" body patterns are searched literally);
 * - HTTP headers ("header.<name>" location, name matched against lower-cased response headers):
 *   "full" is string equality, "prefix" is startsWith on the value (base64 values are decoded and read
 *   as latin1 first); "contains"/"regexp" header fingerprints are never applied by the original.
 * Matches are reported in fingerprint-list order, per DNS answer and per HTTP response.
 */

export interface CompiledFingerprint {
  readonly index: number;
  readonly name: string;
  readonly scope: string;
  readonly locationFound: string;
  readonly expectedCountries: readonly string[];
  /** What gets stored in scores.fingerprints. */
  readonly mini: MiniFingerprint;
}

/** A character trie of header prefixes; `fps` lists the fingerprints whose prefix ends here. */
interface PrefixTrie {
  readonly next: Map<number, PrefixTrie>;
  fps: number[] | undefined;
}

const newTrieNode = (): PrefixTrie => ({ next: new Map(), fps: undefined });

function trieInsert(root: PrefixTrie, prefix: string, fp: number): void {
  let node = root;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    let child = node.next.get(c);
    if (!child) node.next.set(c, (child = newTrieNode()));
    node = child;
  }
  (node.fps ??= []).push(fp);
}

/** Appends the fingerprints of every prefix of `value` present in the trie. */
function trieCollect(root: PrefixTrie, value: string, out: number[]): void {
  let node: PrefixTrie | undefined = root;
  for (let i = 0; node; i++) {
    if (node.fps) out.push(...node.fps);
    node = i < value.length ? node.next.get(value.charCodeAt(i)) : undefined;
  }
}

export interface CompiledFingerprints {
  readonly dns: ReadonlyMap<string, readonly CompiledFingerprint[]>;
  readonly http: readonly CompiledFingerprint[];
  /** Positions in `http` of body fingerprints, aligned with the matchers' pattern lists. */
  readonly bodyFps: readonly number[];
  readonly body: LiteralSetMatcher;
  readonly headerFull: ReadonlyMap<string, ReadonlyMap<string, number[]>>;
  readonly headerPrefix: ReadonlyMap<string, PrefixTrie>;
  /** Lengths of the header names fingerprints look at: a cheap filter before lower-casing names. */
  readonly headerNameLengths: ReadonlySet<number>;
  readonly dnsCount: number;
}

/** extract_expected_countries: comma separated, upper-cased, sorted, without "" and "ZZ". */
export function parseExpectedCountries(ec: unknown): string[] {
  const items = Array.isArray(ec) ? ec : typeof ec === 'string' ? splitCommaList(ec.trim(), { trim: false }) : [];
  const set = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const cc = item.toUpperCase();
    if (cc !== '' && cc !== 'ZZ') set.add(cc);
  }
  return [...set].sort();
}

function compileOne(fp: FingerprintRecord, index: number): CompiledFingerprint {
  const expectedCountries = parseExpectedCountries(fp.expected_countries);
  const mini: MiniFingerprint = Object.freeze({
    name: String(fp.name),
    scope: String(fp.scope),
    location_found: String(fp.location_found),
    confidence_no_fp: Number(fp.confidence_no_fp),
    expected_countries: expectedCountries,
  });
  return Object.freeze({
    index,
    name: mini.name,
    scope: mini.scope,
    locationFound: mini.location_found,
    expectedCountries,
    mini,
  });
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function compileFingerprints(
  dnsRecords: readonly FingerprintRecord[],
  httpRecords: readonly FingerprintRecord[],
): CompiledFingerprints {
  const dns = new Map<string, CompiledFingerprint[]>();
  dnsRecords.forEach((rec, i) => pushTo(dns, String(rec.pattern), compileOne(rec, i)));

  const http = httpRecords.map((rec, i) => compileOne(rec, i));
  const bodyFps: number[] = [];
  const bodyPatterns: string[] = [];
  const headerFull = new Map<string, Map<string, number[]>>();
  const headerPrefix = new Map<string, PrefixTrie>();
  httpRecords.forEach((rec, i) => {
    const loc = String(rec.location_found);
    const pattern = String(rec.pattern);
    if (loc === 'body') {
      bodyFps.push(i);
      bodyPatterns.push(pattern);
    } else if (loc.startsWith('header.')) {
      const hname = loc.slice('header.'.length);
      if (rec.pattern_type === 'full') {
        let byValue = headerFull.get(hname);
        if (!byValue) headerFull.set(hname, (byValue = new Map<string, number[]>()));
        pushTo(byValue, pattern, i);
      } else if (rec.pattern_type === 'prefix') {
        let trie = headerPrefix.get(hname);
        if (!trie) headerPrefix.set(hname, (trie = newTrieNode()));
        trieInsert(trie, pattern, i);
      }
    }
  });
  return {
    dns,
    http,
    bodyFps,
    body: new LiteralSetMatcher(bodyPatterns),
    headerFull,
    headerPrefix,
    headerNameLengths: new Set([...headerFull.keys(), ...headerPrefix.keys()].map((h) => h.length)),
    dnsCount: dnsRecords.length,
  };
}

export const EMPTY_FINGERPRINTS: CompiledFingerprints = compileFingerprints([], []);

/** DNS fingerprints matching the answers of `test_keys.queries`, in the original's order. */
export function matchDnsQueries(fps: CompiledFingerprints, queries: unknown): CompiledFingerprint[] {
  const out: CompiledFingerprint[] = [];
  if (!Array.isArray(queries) || fps.dns.size === 0) return out;
  for (const q of queries) {
    const answers = get(q, 'answers');
    if (!Array.isArray(answers)) continue;
    for (const answer of answers) {
      if (!isDict(answer)) continue;
      let addr: unknown = '';
      if (Object.hasOwn(answer, 'ipv4')) addr = answer.ipv4;
      else if (Object.hasOwn(answer, 'hostname')) addr = answer.hostname;
      else if (Object.hasOwn(answer, 'ipv6')) addr = answer.ipv6;
      if (typeof addr !== 'string') continue;
      const hit = fps.dns.get(addr);
      if (hit) out.push(...hit);
    }
  }
  return out;
}

/**
 * Appends the body then header fingerprints matching one HTTP response. Returns false, possibly
 * after appending some matches, where the original's b64decode raises binascii.Error: the caller
 * must then discard the matches of the whole measurement.
 */
export function matchHttpResponse(
  fps: CompiledFingerprints,
  resp: Record<string, unknown>,
  out: CompiledFingerprint[],
): boolean {
  return matchBody(fps, get(resp, 'body'), out) && matchHeaders(fps, get(resp, 'headers'), out);
}

function matchBody(fps: CompiledFingerprints, body: unknown, out: CompiledFingerprint[]): boolean {
  let hits: number[];
  if (typeof body === 'string') {
    hits = fps.body.matchText(body);
  } else if (isDict(body)) {
    // legacy quirk: a dict body without base64 data is skipped, not an error
    if (!Object.hasOwn(body, 'data') || body.format !== 'base64') return true;
    const bytes = pyB64Decode(body.data);
    if (!bytes) return false;
    hits = fps.body.matchBytes(bytes);
  } else {
    return true;
  }
  for (const h of hits) out.push(fps.http[fps.bodyFps[h]]);
  return true;
}

function matchHeaders(fps: CompiledFingerprints, headers: unknown, out: CompiledFingerprint[]): boolean {
  if (!isDict(headers) || (fps.headerFull.size === 0 && fps.headerPrefix.size === 0)) return true;
  // only headers some fingerprint looks at; on case-insensitive duplicates the last one wins
  let relevant: Map<string, unknown> | undefined;
  for (const name of Object.keys(headers)) {
    if (!fps.headerNameLengths.has(name.length)) continue;
    const lower = name.toLowerCase();
    if (fps.headerFull.has(lower) || fps.headerPrefix.has(lower)) (relevant ??= new Map()).set(lower, headers[name]);
  }
  if (!relevant) return true;

  const hits: number[] = [];
  for (const [hname, value] of relevant) {
    const byValue = fps.headerFull.get(hname);
    if (byValue && typeof value === 'string') {
      const idx = byValue.get(value);
      if (idx) hits.push(...idx);
    }
    const trie = fps.headerPrefix.get(hname);
    if (!trie) continue;
    let v = value;
    if (isDict(v) && v.format === 'base64') {
      const decoded = pyB64Decode(Object.hasOwn(v, 'data') ? v.data : '');
      if (!decoded) return false;
      v = decoded.toString('latin1');
    }
    if (typeof v === 'string') trieCollect(trie, v, hits);
  }
  if (hits.length > 1) hits.sort((a, b) => a - b);
  for (const h of hits) out.push(fps.http[h]);
  return true;
}
