import { createHash } from 'node:crypto';
import { parse, ScalarTag, Tags } from 'yaml';
import { formatDateTime, get, has, isDict, parsePyDateTime, pyIn } from './py-compat';
import { Dict } from './types';
import { decodeUtf8 } from './utf8';
import { splitYamlBlobs } from './yaml-blobs';

/**
 * Normalization of legacy (2012-2019) YAML reports into the JSON measurement format ("autoclaving"),
 * as done by the original fastpath before scoring. A report is a header document followed by one
 * document per measurement; each measurement is merged with the header, renamed/reshaped and gets
 * a deterministic `measurement_uid`.
 */

const TEST_NAME_MAPPINGS: Readonly<Record<string, string>> = {
  http_host: 'http_host',
  'HTTP Host': 'http_host',
  http_requests_test: 'http_requests',
  http_requests: 'http_requests',
  'HTTP Requests Test': 'http_requests',
  bridge_reachability: 'bridge_reachability',
  bridgereachability: 'bridge_reachability',
  'TCP Connect': 'tcp_connect',
  tcp_connect: 'tcp_connect',
  'DNS tamper': 'dns_consistency',
  dnstamper: 'dns_consistency',
  dns_consistency: 'dns_consistency',
  'HTTP Invalid Request Line': 'http_invalid_request_line',
  http_invalid_request_line: 'http_invalid_request_line',
  http_header_field_manipulation: 'http_header_field_manipulation',
  'HTTP Header Field Manipulation': 'http_header_field_manipulation',
  'Multi Protocol Traceroute Test': 'multi_protocol_traceroute',
  multi_protocol_traceroute_test: 'multi_protocol_traceroute',
  multi_protocol_traceroute: 'multi_protocol_traceroute',
  traceroute: 'multi_protocol_traceroute',
  parasitic_traceroute_test: 'parasitic_traceroute',
  parasitic_tcp_traceroute_test: 'parasitic_traceroute',
  'tls-handshake': 'tls_handshake',
  tls_handshake: 'tls_handshake',
  dns_injection: 'dns_injection',
  captivep: 'captive_portal',
  captiveportal: 'captive_portal',
  HTTPFilteringBypass: 'http_filtering_bypass',
  httpfilteringbypass: 'http_filtering_bypass',
  HTTPTrix: 'http_trix',
  httptrix: 'http_trix',
  http_test: 'http_test',
  http_url_list: 'http_url_list',
  dns_spoof: 'dns_spoof',
  netalyzrwrapper: 'netalyzr_wrapper',
  meek_fronted_requests_test: 'meek_fronted_requests_test',
  lantern_circumvention_tool_test: 'lantern_circumvention_tool_test',
  psiphon_test: 'psiphon_test',
  this_test_is_nameless: 'this_test_is_nameless',
  test_get_random_capitalization: 'http_header_field_manipulation',
  test_put_random_capitalization: 'http_header_field_manipulation',
  test_post_random_capitalization: 'http_header_field_manipulation',
  test_random_big_request_method: 'http_invalid_request_line',
  test_random_invalid_field_count: 'http_invalid_request_line',
  summary: 'invalid',
  test_get: 'invalid',
  test_post: 'invalid',
  test_put: 'invalid',
  test_send_host_header: 'invalid',
};

/** Top-level keys of a normalized measurement; everything else moves into test_keys. */
const SCHEMA = [
  'id',
  'input',
  'input_hashes',
  'report_id',
  'report_filename',
  'options',
  'probe_cc',
  'probe_asn',
  'probe_ip',
  'probe_city',
  'backend_version',
  'data_format_version',
  'test_name',
  'test_version',
  'test_start_time',
  'measurement_start_time',
  'test_runtime',
  'test_helpers',
  'software_name',
  'software_version',
  'bucket_date',
  'test_keys',
];
const SCHEMA_SET: ReadonlySet<string> = new Set(SCHEMA);

const HTTPT_TESTS = new Set([
  'http_requests',
  'meek_fronted_requests',
  'domclass_collector',
  'http_keyword_filtering',
  'http_uk_mobile_networks',
  'http_header_field_manipulation',
  'http_url_list',
  'http_host',
  'squid',
  'captive_portal',
  'psiphon',
  'tor_http_requests_test',
]);
const DNST_TESTS = new Set(['dns_consistency', 'dns_injection', 'captive_portal']);
const PROCESS_TESTS = new Set(['lantern', 'psiphon']);
const SCAPYT_TESTS = new Set([
  'chinatrigger',
  'keyword_filtering',
  'parasitic_traceroute',
  'multi_protocol_traceroute',
  'dns_spoof',
]);
/** Old, rare tests the original refuses to normalize. */
const UNSUPPORTED_TESTS = new Set(['captive_portal', 'tls_handshake', 'tcp_connect', 'bridge_reachability']);

export class UnsupportedTestError extends Error {
  constructor(testName: string) {
    super(`unsupported legacy test ${testName}`);
    this.name = 'UnsupportedTestError';
  }
}

export interface NormalizedYamlMeasurement extends Dict {
  measurement_uid: string;
  report_id: string;
  test_name: string;
  test_keys: Dict;
}

export interface YamlNormalizationResult {
  measurements: NormalizedYamlMeasurement[];
  /** Entries that could not be parsed or normalized (skipped, as the original does). */
  skipped: { offset: number; error: string }[];
}

const BOOL_TAG = 'tag:yaml.org,2002:bool';
// PyYAML's YAML 1.1 booleans (it does not treat y/n as booleans)
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function pyYamlTags(tags: Tags): Tags {
  return tags.map((t) => {
    if (typeof t !== 'object' || t.tag !== BOOL_TAG || !('test' in t) || !t.test) return t;
    const scalar: ScalarTag = t;
    return { ...scalar, test: scalar.identify?.(true) ? PY_TRUE : PY_FALSE };
  });
}

/** yaml.safe_load: YAML 1.1 (binary, sets, timestamps), duplicate keys allowed. */
function safeLoad(raw: Buffer): unknown {
  return parse(raw.toString('utf8'), {
    schema: 'yaml-1.1',
    customTags: pyYamlTags,
    uniqueKeys: false,
    maxAliasCount: 100,
  });
}

/**
 * Yields the normalized measurements of a legacy YAML report.
 * @param bucketDate the day the report was collected, 'YYYY-MM-DD'
 * @param reportFilename '<bucket date>/<report file name>', stored as report_filename
 */
export function normalizeYamlReport(
  data: Buffer | string,
  bucketDate: string,
  reportFilename: string,
): YamlNormalizationResult {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const blobs = splitYamlBlobs(bytes);
  const result: YamlNormalizationResult = { measurements: [], skipped: [] };
  if (blobs.length === 0) return result;

  const headerRaw = blobs[0].raw;
  const parsedHeader = safeLoad(headerRaw);
  if (!isDict(parsedHeader)) throw new Error('YAML report header is not a mapping');
  const header: Dict = plainify(parsedHeader, 'ignore') as Dict;
  if (!header.report_id) header.report_id = generateReportId(header);

  for (const blob of blobs.slice(1)) {
    try {
      const parsed = safeLoad(blob.raw);
      // e.g. '---\nnull\n...\n'
      if (!isDict(parsed) || Object.keys(parsed).length === 0) continue;
      const entry = plainify(parsed, 'backslashreplace') as Dict;
      if (has(entry, 'test_start_time') && has(header, 'test_start_time')) delete header.test_start_time;
      Object.assign(entry, structuredClone(header));
      const esha = createHash('sha1').update(headerRaw).update(blob.raw).digest();
      const normalized = normalizeEntry(entry, bucketDate, reportFilename, esha);
      normalized.measurement_uid = trivialId(blob.raw, normalized);
      result.measurements.push(normalized);
    } catch (err) {
      result.skipped.push({ offset: blob.offset, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}

/**
 * A measurement posted as {"format": "yaml", "content": "..."}: loaded as the original does
 * (yaml.safe_load, no legacy normalization), with binary strings decoded.
 */
export function loadYamlMeasurement(content: string): unknown {
  return plainify(safeLoad(Buffer.from(content, 'utf8')), 'backslashreplace');
}

/**
 * JSON-compatible values: binary strings are decoded as UTF-8 (undecodable bytes dropped in the
 * header, escaped as \xNN elsewhere, like the original's body normalization), sets become lists
 * and timestamps '%Y-%m-%d %H:%M:%S' strings.
 */
function plainify(v: unknown, errors: 'ignore' | 'backslashreplace'): unknown {
  if (v instanceof Uint8Array) return decodeUtf8(v, errors);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : formatDateTime(v.getTime());
  if (v instanceof Set) return [...v].map((x) => plainify(x, errors));
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plainify(x, errors)]));
  if (Array.isArray(v)) return v.map((x) => plainify(x, errors));
  if (isDict(v)) {
    const out: Dict = {};
    for (const [k, x] of Object.entries(v)) out[k] = plainify(x, errors);
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** A scalar as text; containers as JSON (the original would fail on them). */
function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A deterministic report_id for reports uploaded without one. */
export function generateReportId(header: Dict): string {
  const startTime = typeof header.start_time === 'number' ? header.start_time : 0;
  const ts = formatDateTime(startTime * 1000)
    .replace(/[-:]/g, '')
    .replace(' ', 'T');
  const field = (key: string, dflt: string): string => {
    const v = has(header, key) ? header[key] : dflt;
    return pyStr(v);
  };
  let toHash =
    field('probe_cc', 'ZZ') +
    field('probe_asn', 'AS0') +
    field('test_name', 'invalid') +
    field('software_version', '0.0.0');
  // legacy quirk: a missing probe_city hashes as "None", a null one is skipped
  const city = has(header, 'probe_city') ? header.probe_city : 'None';
  if (city !== null && city !== undefined) toHash += pyStr(city);
  const digest = createHash('sha512').update(toHash, 'utf8').digest();
  let suffix = '';
  for (const b of digest) suffix += ASCII_LETTERS[b % ASCII_LETTERS.length];
  return `${ts}Z_${suffix.slice(0, 50)}`;
}

/** "01" + measurement day + 30 hex digits of shake128 of the raw document. */
export function trivialId(raw: Buffer, msm: Dict): string {
  const h = createHash('shake128', { outputLength: 15 }).update(raw).digest('hex');
  const start = parsePyDateTime(get(msm, 'measurement_start_time') ?? '');
  const day = start === undefined ? '00000000' : formatDateTime(start).slice(0, 10).replace(/-/g, '');
  return `01${day}${h}`;
}

function uuidFromBytes(b: Buffer): string {
  const hex = b.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A Unix timestamp as '%Y-%m-%d %H:%M:%S' UTC (utcfromtimestamp + strftime). */
function fromTimestamp(ts: unknown): string {
  if (typeof ts !== 'number' || !Number.isFinite(ts)) throw new Error(`invalid timestamp ${String(ts)}`);
  return formatDateTime(Math.floor(ts) * 1000);
}

function normalizeEntry(
  entry: Dict,
  bucketDate: string,
  reportFilename: string,
  esha: Buffer,
): NormalizedYamlMeasurement {
  if (isDict(entry.report)) {
    const report = entry.report;
    delete entry.report;
    Object.assign(entry, report);
  }
  const rawName = has(entry, 'test_name') ? entry.test_name : 'invalid';
  if (typeof rawName !== 'string') throw new Error('test_name is not a string');
  const testName = Object.hasOwn(TEST_NAME_MAPPINGS, rawName) ? TEST_NAME_MAPPINGS[rawName] : rawName.toLowerCase();
  entry.test_name = testName;
  entry.bucket_date = bucketDate;
  if (!entry.id) entry.id = uuidFromBytes(esha);
  entry.report_filename = reportFilename;
  for (const key of SCHEMA) if (!has(entry, key)) entry[key] = null;

  if (entry.data_format_version === '0.2.0') {
    if (entry.test_keys === null) nestTestKeys(entry);
    return entry as NormalizedYamlMeasurement;
  }

  const startTime = has(entry, 'start_time') ? entry.start_time : 0;
  delete entry.start_time;
  let testStartTime = fromTimestamp(startTime);
  let measurementStartTime: string;
  // the old "test_start_time" key is what is now called measurement_start_time
  const tst = entry.test_start_time;
  delete entry.test_start_time;
  if (typeof tst === 'number') {
    measurementStartTime = fromTimestamp(tst);
  } else if (tst === null || tst === undefined) {
    measurementStartTime = testStartTime;
  } else {
    const t = parsePyDateTime(tst);
    const m = parsePyDateTime(entry.measurement_start_time);
    if (t === undefined || m === undefined) throw new Error('invalid test_start_time / measurement_start_time');
    testStartTime = formatDateTime(t);
    measurementStartTime = formatDateTime(m);
  }
  entry.measurement_start_time = measurementStartTime;
  entry.test_start_time = testStartTime;
  entry.data_format_version = '0.2.0';
  if (isDict(entry.options)) entry.options = get(entry.options, 'subargs') ?? [];

  nestTestKeys(entry);
  if (PROCESS_TESTS.has(testName)) throw new UnsupportedTestError(testName);
  if (HTTPT_TESTS.has(testName)) normalizeHttpt(entry);
  if (DNST_TESTS.has(testName)) normalizeDnst(entry);
  if (SCAPYT_TESTS.has(testName) || UNSUPPORTED_TESTS.has(testName)) throw new UnsupportedTestError(testName);
  return entry as NormalizedYamlMeasurement;
}

/** Moves every non-schema key into test_keys. */
function nestTestKeys(entry: Dict): void {
  const tk: Dict = isDict(entry.test_keys) ? entry.test_keys : {};
  entry.test_keys = tk;
  for (const key of Object.keys(entry)) {
    if (SCHEMA_SET.has(key)) continue;
    tk[key] = entry[key];
    delete entry[key];
  }
}

/** normalize_str: null stays null; NUL characters are removed; overlong values are rejected. */
function normalizeStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = pyStr(v);
  if (s.length >= 10000) throw new Error('header value too long');
  return s.replace(/\0/g, '');
}

function normalizeBody(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return pyStr(v).replace(/\0/g, '');
}

/** YAML headers are [[name, [value, ...]], ...]; they become {name: first value}. */
function normalizeHeaders(headers: unknown): Dict {
  const out: Dict = {};
  if (!Array.isArray(headers)) return out;
  for (const item of headers) {
    if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'string') throw new Error('malformed header');
    const values: unknown = item[1];
    let value: unknown = Array.isArray(values) || typeof values === 'string' ? values[0] : undefined;
    if (Array.isArray(value)) value = value[0];
    out[item[0]] = normalizeStr(value);
  }
  return out;
}

/** `--url <value>` / `-u <value>` of the test options is the input when the entry has none. */
function inputFromOptions(entry: Dict): void {
  const options = entry.options;
  let urlOptionIdx: number | undefined;
  for (const opt of ['--url', '-u']) {
    const i = Array.isArray(options) ? options.indexOf(opt) : -1;
    if (i >= 0) urlOptionIdx = i + 1;
  }
  if (urlOptionIdx !== undefined && entry.input === null && Array.isArray(options)) {
    if (urlOptionIdx >= options.length) throw new Error('missing --url value');
    entry.input = options[urlOptionIdx];
  }
}

/** The request's Tor flag as `{is_tor, exit_ip, exit_name}` (`shttp://` URLs went over Tor). */
function normalizeTorFlag(req: Dict, url: string): boolean {
  let isTor = false;
  let exitIp: unknown = null;
  let exitName: unknown = null;
  const tor = has(req, 'tor') ? req.tor : undefined;
  if (url.startsWith('shttp')) {
    req.url = url.replace('shttp://', 'http://');
    isTor = true;
  } else if (tor === true) {
    isTor = true;
  } else if (tor === undefined || pyIn(tor, [false, null, { is_tor: false }])) {
    isTor = false;
  } else if (isDict(tor) && tor.is_tor === true) {
    isTor = true;
    exitIp = get(tor, 'exit_ip') ?? null;
    exitName = get(tor, 'exit_name') ?? null;
  } else if (!isDict(tor)) {
    throw new Error('malformed tor flag');
  }
  req.tor = { is_tor: isTor, exit_ip: exitIp, exit_name: exitName };
  return isTor;
}

const normalizedMessage = (message: unknown): Dict =>
  isDict(message)
    ? { ...message, body: normalizeBody(message.body), headers: normalizeHeaders(message.headers) }
    : { body: null, headers: {} };

/** Normalizes one request/response pair in place; whether it went over Tor. */
function normalizeSession(s: unknown): boolean {
  if (!isDict(s)) throw new Error('malformed request');
  const session = s;
  session.response = normalizedMessage(session.response);
  const req = normalizedMessage(session.request);
  session.request = req;
  const url = req.url;
  if (typeof url !== 'string') throw new Error('request without url');
  const isTor = normalizeTorFlag(req, url);
  session.response_length = null;
  for (const [k, v] of Object.entries((session.response as Dict).headers as Dict)) {
    if (k.toLowerCase() === 'content-length') session.response_length = v;
  }
  return isTor;
}

function normalizeHeadersDiff(tk: Dict): void {
  const diff = tk.headers_diff;
  if (diff === null || diff === undefined) return;
  tk.headers_diff = Array.isArray(diff)
    ? diff
    : typeof diff === 'string'
      ? [...diff]
      : isDict(diff)
        ? Object.keys(diff)
        : diff;
}

function normalizeHttpt(entry: Dict): void {
  const tk = entry.test_keys as Dict;
  inputFromOptions(entry);
  // tor_http_requests_test stores a single request/response pair
  if (tk.request && tk.response) {
    const requests = Array.isArray(tk.requests) ? tk.requests : [];
    requests.push({ response: tk.response, request: tk.request });
    delete tk.response;
    delete tk.request;
    tk.requests = requests;
  }
  const sessions = has(tk, 'requests') ? tk.requests : [];
  if (!Array.isArray(sessions)) throw new Error('requests is not a list');
  const experiment: Dict[] = [];
  const control: Dict[] = [];
  for (const session of sessions) (normalizeSession(session) ? control : experiment).push(session as Dict);
  // the first direct request, then the first Tor one, then the others
  const ordered: Dict[] = [];
  if (experiment.length) ordered.push(experiment.shift() as Dict);
  if (control.length) ordered.push(control.shift() as Dict);
  tk.requests = [...ordered, ...experiment, ...control];
  normalizeHeadersDiff(tk);
}

const IPV4 = '(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})';
const HOSTNAME = '([a-zA-Z0-9](?:(?:[a-zA-Z0-9-]*|(?<!-)\\.(?![-.]))*[a-zA-Z0-9]+)?)';

/** re.search(pattern, source).group(1), or "" */
function reMatch(pattern: string, source: unknown): string {
  if (typeof source !== 'string') throw new Error('not a string');
  const m = new RegExp(pattern).exec(source);
  return m ? (m[1] ?? '') : '';
}

/** A twisted DNS record pair ["<RR name=... type=A ...>", "<A address=1.2.3.4 ttl=300>"]. */
function normalizeAnswer(ans: unknown): Dict {
  const rr: unknown = Array.isArray(ans) ? ans[0] : undefined;
  const data: unknown = Array.isArray(ans) ? ans[1] : undefined;
  let ttl: string | null;
  try {
    ttl = reMatch('ttl=(\\d+)', rr);
  } catch {
    ttl = null;
  }
  const answerType = reMatch('type=([A-Z]+)', rr);
  const na: Dict = { ttl, answer_type: answerType };
  if (answerType === 'A') {
    na.ipv4 = reMatch('address=' + IPV4, data);
  } else if (answerType === 'MX') {
    // legacy quirk: the MX host is searched with the IPv4 pattern
    na.hostname = reMatch('address=' + IPV4, data);
    na.preference = reMatch('preference=(\\d+)', data);
  } else if (answerType === 'PTR' || answerType === 'CNAME') {
    na.hostname = reMatch('name=' + HOSTNAME, data);
  } else if (answerType === 'SOA') {
    na.responsible_name = reMatch('rname=' + HOSTNAME, data);
    na.hostname = reMatch('mname=' + HOSTNAME, data);
    na.serial_number = reMatch('serial=(\\d+)', data);
    na.refresh_interval = reMatch('refresh=(\\d+)', data);
    na.retry_interval = reMatch('retry=(\\d+)', data);
    na.minimum_ttl = reMatch('minimum=(\\d+)', data);
    na.expiration_limit = reMatch('expire=(\\d+)', data);
  }
  return na;
}

function normalizeDnst(entry: Dict): void {
  const tk = entry.test_keys as Dict;
  delete tk.test_resolvers;
  const errors = tk.tampering;
  delete tk.tampering;
  const errorItems: unknown[] = Array.isArray(errors) ? errors : isDict(errors) ? Object.keys(errors) : [];
  if (errors && (errorItems.length > 0 || typeof errors === 'string')) {
    // legacy quirk: e[0]/e[1] of each item (a resolver name when tampering is a dict)
    const second = (e: unknown): unknown => (Array.isArray(e) || typeof e === 'string' ? e[1] : undefined);
    const first = (e: unknown): unknown => (Array.isArray(e) || typeof e === 'string' ? e[0] : undefined);
    tk.errors = errors;
    tk.successful = errorItems.filter((e) => second(e) === false).map(first);
    tk.failed = errorItems.filter((e) => second(e) !== true).map(first);
    tk.inconsistent = errorItems.filter((e) => second(e) === true).map(first);
  } else if (entry.test_name === 'dns_consistency') {
    tk.errors = {};
    tk.successful = [];
    tk.failed = [];
    tk.inconsistent = [];
  }

  const queries: Dict[] = [];
  const rawQueries = has(tk, 'queries') ? tk.queries : [];
  delete tk.queries;
  for (const q of Array.isArray(rawQueries) ? rawQueries : []) {
    if (!isDict(q)) throw new Error('malformed query');
    const query: Dict = { ...q };
    try {
      query.hostname = reMatch("\\[Query\\('(.+)'", query.query);
    } catch {
      query.hostname = null;
    }
    delete query.query;
    const resolver = query.resolver;
    delete query.resolver;
    if (Array.isArray(resolver) && resolver.length === 2) {
      [query.resolver_hostname, query.resolver_port] = resolver as unknown[];
    } else {
      query.resolver_hostname = null;
      query.resolver_port = null;
    }
    delete query.addrs;
    const rawAnswers = has(query, 'answers') ? query.answers : [];
    const answers = (Array.isArray(rawAnswers) ? rawAnswers : []).map(normalizeAnswer);
    query.answers = answers;
    let failure = has(query, 'failure') ? query.failure : null;
    if (!failure && answers.length === 0) failure = 'no_answer';
    query.failure = failure ?? null;
    queries.push(query);
  }
  tk.queries = queries;
}
