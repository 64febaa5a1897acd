import { Injectable } from '@nestjs/common';
import { JsonFragmentCache } from '../../common/json/json-fragment-cache';
import { TestListEntry } from '../prio/prio.types';
import { CheckInResponse } from './check-in.service';

/** Report ids are letters, digits and `_`: their JSON is themselves in quotes. */
const SAFE_ID = /^[A-Za-z0-9_]*$/;

/** The content type of a check-in answer sent as text. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The check-in answer as JSON text, byte for byte what `JSON.stringify` gives: the served URLs'
 * fragments are cached per URL (the answer's 100 URLs were ~85% of its serialization time), the
 * test helpers' per helpers object.
 */
@Injectable()
export class CheckInAnswerWriter {
  private readonly urls = new JsonFragmentCache<TestListEntry>(
    (e) => e.url,
    (a, b) => a.url === b.url && a.category_code === b.category_code && a.country_code === b.country_code,
    (e) => JSON.stringify({ category_code: e.category_code, country_code: e.country_code, url: e.url }),
  );

  /** JSON of the test helpers per (shared, never modified) answer of `TestHelpersService.forClient`. */
  private readonly helpers = new WeakMap<object, string>();

  /** `"name":{"report_id":` per test name. */
  private readonly testPrefixes = new Map<string, string>();

  write(answer: CheckInResponse): string {
    const { v, probe_cc, probe_asn, probe_network_name, utc_time, conf, tests } = answer;
    const head = JSON.stringify({ v, probe_cc, probe_asn, probe_network_name, utc_time }).slice(0, -1);
    const confJson = `{"features":${JSON.stringify(conf.features)},"test_helpers":${this.helpersJson(conf.test_helpers)}}`;
    const parts: string[] = [];
    for (const name of Object.keys(tests)) {
      const { report_id, urls } = tests[name];
      let part = this.testPrefix(name) + (SAFE_ID.test(report_id) ? `"${report_id}"` : JSON.stringify(report_id));
      if (urls !== undefined) part += `,"urls":${this.urls.arrayJson(urls)}`;
      parts.push(part + '}');
    }
    return `${head},"conf":${confJson},"tests":{${parts.join(',')}}}`;
  }

  private helpersJson(helpers: object): string {
    let json = this.helpers.get(helpers);
    if (json === undefined) {
      json = JSON.stringify(helpers);
      this.helpers.set(helpers, json);
    }
    return json;
  }

  private testPrefix(name: string): string {
    let prefix = this.testPrefixes.get(name);
    if (prefix === undefined) {
      prefix = `${JSON.stringify(name)}:{"report_id":`;
      if (this.testPrefixes.size < 1000) this.testPrefixes.set(name, prefix);
    }
    return prefix;
  }
}
