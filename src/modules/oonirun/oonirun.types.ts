/** One row of `oonirun`: one revision of a link, its newest translation (ReplacingMergeTree). */
export interface OonirunRow {
  /** UInt64 as a decimal string (ids may exceed 2^53). */
  ooni_run_link_id: string;
  /** Milliseconds since the epoch: when this revision was created. */
  descriptor_creation_time: number;
  /** Milliseconds since the epoch: when the metadata of this revision last changed. */
  translation_creation_time: number;
  creator_account_id: string;
  archived: number;
  /** The descriptor JSON as stored (v2 fields, or whatever a v1 client posted). */
  descriptor: string;
  author: string;
  name: string;
  short_description: string;
  icon: string;
  /** Milliseconds since the epoch, or null: never expires. */
  expiration_date: number | null;
}

/** Filters of a listing; absent fields do not filter. */
export interface OonirunListFilter {
  creatorAccountId?: string;
  linkIds?: string[];
}

/** A nettest of a v2 descriptor, every field present (the service's shape). */
export interface Nettest {
  test_name: string;
  inputs: string[] | null;
  options: Record<string, unknown>;
  is_background_run_enabled_default: boolean;
  is_manual_run_enabled_default: boolean;
  targets_name: string | null;
  inputs_extra: Array<Record<string, unknown>> | null;
}

export type Translations = Record<string, string> | null;

/** The descriptive part of a v2 link, as stored in `descriptor`. */
export interface LinkDescriptor {
  name: string;
  name_intl: Translations;
  short_description: string;
  short_description_intl: Translations;
  description: string;
  description_intl: Translations;
  author: string;
  icon: string | null;
  color: string | null;
  nettests: Nettest[];
}

/** A v2 link as the API returns it (bk-005 with the service's field names). */
export interface OonirunLink extends LinkDescriptor {
  oonirun_link_id: string;
  date_created: string;
  date_updated: string;
  expiration_date: string | null;
  revision: string;
  is_mine: boolean;
  is_expired: boolean;
}

export interface EngineDescriptor {
  revision: string;
  date_created: string;
  nettests: Nettest[];
}
