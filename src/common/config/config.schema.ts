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

const quotaLimits = z.object({ month_s: positiveInt, week_s: positiveInt, day_s: positiveInt });

export const configSchema = z.object({
  host: z.string().min(1),
  port,
  var_dir: z.string().min(1),
  base_url: z.url(),
  http: z.object({
    body_limit_bytes: positiveInt,
    max_decoded_body_bytes: positiveInt,
    trusted_proxies: z.array(z.string()),
    shutdown_timeout_ms: positiveInt,
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
  }),
  prio: z.object({
    counters_cache_s: z.coerce.number().int().min(0),
  }),
  measurements: z.object({
    other_hosts: z.array(z.url()),
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
      insert_batch_size: positiveInt,
      insert_max_latency_ms: positiveInt,
      fingerprints_refresh_s: positiveInt,
      feeder_url: z.union([z.literal(''), z.url()]),
      feeder_host: z.string().min(1),
      feeder_port: port,
      feeder_secret: z.union([z.literal(''), z.string().min(16)]),
    })
    .refine((f) => f.feeder_secret !== '' || isLoopback(f.feeder_host), {
      path: ['feeder_host'],
      message: 'must be a loopback address unless fastpath.feeder_secret is set',
    }),
  uploader: z.object({
    cron: z.string().min(9),
    host_id: z.union([z.literal(''), z.string().regex(/^[0-9]+$/, 'must be digits')]),
    testbed: bool,
    max_batch_measurements: positiveInt,
    max_batch_bytes: positiveInt,
    insert_batch_size: positiveInt,
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
});

export type Config = z.infer<typeof configSchema>;
