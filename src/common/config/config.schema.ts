import { z } from 'zod';
import { isLoopback } from '../net/loopback';

/** YAML gives booleans; environment variables give strings. Accept both, strictly. */
const bool = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  if (['true', '1', 'yes'].includes(v.toLowerCase())) return true;
  if (['false', '0', 'no', ''].includes(v.toLowerCase())) return false;
  return v;
}, z.boolean());

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** `scheme://host[:port]`; `*.` stands for one DNS label, `:*` for any port (or none). */
const originPattern = z
  .string()
  .regex(/^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:(\d{1,5}|\*))?$/, 'must be scheme://host[:port], * for a label or port');

const quotaLimits = z.object({ month_s: positiveInt, week_s: positiveInt, day_s: positiveInt });

export const configSchema = z.object({
  host: z.string().min(1),
  port,
  var_dir: z.string().min(1),
  base_url: z.url(),
  explorer_url: z.url(),
  http: z.object({
    body_limit_bytes: positiveInt,
    max_decoded_body_bytes: positiveInt,
    trusted_proxies: z.array(z.string()),
    shutdown_timeout_ms: positiveInt,
    cors: z.object({
      credentialed_origins: z.array(originPattern),
      max_age_s: z.coerce.number().int().min(0),
    }),
  }),
  log: z.object({
    level: z.enum(['verbose', 'debug', 'log', 'warn', 'error', 'fatal']),
    json: bool,
  }),
  clickhouse: z.object({
    url: z.union([z.literal(''), z.url()]),
    path: z.string(),
    username: z.string(),
    password: z.string(),
    database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier'),
    request_timeout_ms: positiveInt,
    connect_timeout_ms: positiveInt,
    max_execution_time_s: positiveInt,
    client_side_params: bool,
    embedded_connections: z.coerce.number().int().min(1).max(64),
  }),
  storage: z.object({
    driver: z.enum(['local', 's3']),
    local_path: z.string(),
    s3: z.object({
      endpoint: z.union([z.literal(''), z.url()]),
      region: z.string().min(1),
      bucket: z.string().min(1),
      force_path_style: bool,
      access_key_id: z.string(),
      secret_access_key: z.string(),
    }),
  }),
  metrics: z.object({
    enabled: bool,
    statsd_host: z.string().min(1),
    statsd_port: port,
    prefix: z.string(),
    max_datagram_bytes: z.coerce.number().int().min(0).max(65_000),
    flush_interval_ms: positiveInt,
  }),
  auth: z.object({
    jwt_encryption_key: z.string(),
    account_id_hashing_key: z.string(),
    session_expiry_days: positiveInt,
    login_expiry_days: positiveInt,
    login_link_expiry_hours: positiveInt,
    login_redirect_allowlist: z.array(z.string().min(1)),
    smtp: z.object({
      host: z.string().min(1),
      port,
      secure: bool,
      username: z.string(),
      password: z.string(),
      from: z.string().min(1),
      timeout_ms: positiveInt,
    }),
  }),
  quotas: z.object({
    enabled: bool,
    dir: z.string(),
    subnet_limits: quotaLimits,
    account_limits: quotaLimits,
    unmetered_paths: z.array(z.string().min(1)),
    exempt_networks: z.array(z.string().min(1)),
  }),
  probe_services: z.object({
    collector_id: z.coerce.string().regex(/^[0-9]+$/, 'must be digits'),
    spool_dir: z.string(),
    tor_targets_file: z.string(),
    psiphon_config_file: z.string(),
    th_hosts: z.array(z.string().min(1)).min(1),
    th_cloudfront_front: z.string(),
    feed_queue_size: positiveInt,
    stale_tmp_s: z.coerce.number().int().min(0),
    group_commit: z.object({
      enabled: bool,
      max_group: positiveInt.max(100_000),
      max_group_bytes: positiveInt,
      max_wait_ms: z.coerce.number().int().min(0).max(1000),
      segment_max_bytes: positiveInt,
      segment_max_age_ms: positiveInt,
    }),
  }),
  prio: z.object({
    counters_cache_s: z.coerce.number().int().min(0),
  }),
  oonirun: z.object({
    max_inputs: positiveInt.max(1_000_000),
    default_expiration_days: positiveInt.max(36500),
    engine_cache_s: z.coerce.number().int().min(0),
  }),
  measurements: z.object({
    other_hosts: z.array(z.url()),
  }),
  response_cache: z.object({
    enabled: bool,
    max_entries: positiveInt,
    max_bytes: positiveInt,
    warm_routes: bool,
    search_s: z.coerce.number().int().min(0).max(60),
    aggregation_s: z.coerce.number().int().min(0).max(86_400),
  }),
  aggregation: z.object({
    final: bool,
    recent_max_age_s: z.coerce.number().int().min(0),
    old_max_age_s: z.coerce.number().int().min(0),
    settled_after_h: positiveInt,
  }),
  fastpath: z
    .object({
      enabled: bool,
      /** 0: one worker per core. */
      workers: z.coerce.number().int().min(0).max(64),
      task_batch_size: positiveInt,
      batch_linger_ms: z.coerce.number().int().min(0).max(1000),
      insert_batch_size: positiveInt,
      insert_max_latency_ms: positiveInt,
      fingerprints_refresh_s: positiveInt,
      feeder_url: z.union([z.literal(''), z.url()]),
      feeder_host: z.string().min(1),
      feeder_port: port,
      feeder_secret: z.union([z.literal(''), z.string().min(16)]),
      insert_retries: z.coerce.number().int().min(0).max(20),
      retry_base_ms: positiveInt,
      reconcile_on_start: bool,
    })
    .refine((f) => f.feeder_secret !== '' || isLoopback(f.feeder_host), {
      path: ['feeder_host'],
      message: 'must be a loopback address unless fastpath.feeder_secret is set',
    }),
  uploader: z.object({
    cron: z.string().min(9),
    enabled: bool,
    host_id: z.union([z.literal(''), z.string().regex(/^[0-9]+$/, 'must be digits')]),
    testbed: bool,
    max_batch_measurements: positiveInt,
    max_batch_bytes: positiveInt,
    insert_batch_size: positiveInt,
  }),
  citizenlab: z.object({
    repo_url: z.string().min(1),
    branch: z.string().regex(/^[\w./-]+$/, 'must be a branch name'),
    cron: z.string().min(9),
    updater_enabled: bool,
    min_urls: z.coerce.number().int().min(0),
    max_urls: positiveInt,
    git_timeout_s: positiveInt,
    workdir: z.string(),
    submission: z.object({
      origin_url: z.string(),
      origin_repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name'),
      push_url: z.string(),
      push_repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name'),
      github_api_url: z.url(),
      github_web_url: z.url(),
      github_user: z.string(),
      github_token: z.string(),
      lock_timeout_ms: positiveInt,
    }),
  }),
  geoip: z.object({
    dir: z.string(),
    country_db: z.string().min(1),
    asn_db: z.string().min(1),
    reload_check_interval_s: positiveInt,
  }),
  scheduler: z.object({
    enabled: bool,
  }),
  counters: z.object({
    enabled: bool,
    cron: z.string().min(9),
    refresher_enabled: bool,
    settled_after_h: z.coerce.number().int().min(0),
    mark_margin_s: z.coerce.number().int().min(0),
    max_months_per_run: positiveInt,
    clean_days_s: z.coerce.number().int().min(0).max(3600),
  }),
  fingerprints_updater: z.object({
    cron: z.string().min(9),
    enabled: bool,
    dns_url: z.string().min(1),
    http_url: z.string().min(1),
    min_rows: positiveInt,
    max_rows: positiveInt,
    max_bytes: positiveInt,
    timeout_ms: positiveInt,
  }),
  asnmeta_updater: z.object({
    cron: z.string().min(9),
    enabled: bool,
    url: z.string().min(1),
    min_rows: positiveInt,
    max_rows: positiveInt,
    max_bytes: positiveInt,
    timeout_ms: positiveInt,
  }),
  geoip_downloader: z.object({
    cron: z.string().min(9),
    enabled: bool,
    country_url: z.string().min(1),
    asn_url: z.string().min(1),
    check_ips: z.array(z.string().min(1)).min(1),
    max_bytes: positiveInt,
    timeout_ms: positiveInt,
  }),
  db_backup: z.object({
    cron: z.string().min(9),
    enabled: bool,
    prefix: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'must be a relative key prefix'),
    tables: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a table name')).min(1),
    chunk_rows: positiveInt,
    chunk_bytes: positiveInt,
    zstd_level: z.coerce.number().int().min(1).max(19),
    resume_max_age_h: positiveInt,
  }),
  db_export: z.object({
    cron: z.string().min(9),
    enabled: bool,
    prefix: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'must be a relative key prefix'),
    // Closed list: the tables without account ids, emails, tokens or sessions.
    tables: z
      .array(
        z.enum([
          'fastpath',
          'jsonl',
          'obs_openvpn',
          'citizenlab',
          'url_priorities',
          'asnmeta',
          'fingerprints_dns',
          'fingerprints_http',
        ]),
      )
      .min(1),
    max_days_per_run: positiveInt,
    chunk_rows: positiveInt,
    chunk_bytes: positiveInt,
    zstd_level: z.coerce.number().int().min(1).max(19),
  }),
});

export type Config = z.infer<typeof configSchema>;
