import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedText } from '../../../src/modules/fastpath/scoring/chunked-text';
import {
  findLongStrings,
  LONG_STRING,
  parseJson,
  pendingStringLength,
  SKIM_MIN_BYTES,
} from '../../../src/modules/fastpath/scoring/lazy-json';
import { scoreMeasurement } from '../../../src/modules/fastpath/scoring/score-measurement';
import { fixtureFingerprints, listMeasurementFixtures, MEASUREMENTS_DIR } from './fixtures';

const JSON_FIXTURES = listMeasurementFixtures().filter((n) => n.endsWith('.json'));
const bytesOf = (name: string): Buffer => readFileSync(join(MEASUREMENTS_DIR, name));
/** Every string of 8+ characters lazy, whatever the document's size. */
const EVERYTHING_LAZY = { minBytes: 0, longString: 8 };

type Tree = Record<string, unknown> & { test_keys: Record<string, unknown[]> };

describe('parseJson', () => {
  it.each(JSON_FIXTURES)('should read %s exactly as JSON.parse does, with every string lazy', (name) => {
    const bytes = bytesOf(name);
    const expected: unknown = JSON.parse(bytes.toString('utf8'));
    const lazy = parseJson(bytes, EVERYTHING_LAZY);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(expected));
    expect(lazy).toEqual(expected);
  });

  it.each(JSON_FIXTURES)('should give %s the same fastpath row when strings are decoded on read', (name) => {
    const bytes = bytesOf(name);
    const opts = {
      measurementUid: '20240101000000.000000_IT_webconnectivity_0123456789abcdef',
      fingerprints: fixtureFingerprints(),
    };
    const score = (msm: unknown): unknown => {
      try {
        return scoreMeasurement(msm, opts);
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(score(parseJson(bytes, EVERYTHING_LAZY))).toEqual(score(JSON.parse(bytes.toString('utf8'))));
  });

  it('should leave the echoed pages of mbx-1.json undecoded when scoring does not need them', () => {
    const bytes = bytesOf('mbx-1.json');
    expect(bytes.length).toBeGreaterThanOrEqual(SKIM_MIN_BYTES);
    const eager = JSON.parse(bytes.toString('utf8')) as Tree;
    const lazy = parseJson(bytes) as Tree;
    const received = lazy.test_keys.received;
    const bounds = pendingStringLength(received, 0);
    expect(bounds).toBeDefined();
    const actual = (eager.test_keys.received[0] as string).length;
    expect(actual).toBeGreaterThan(LONG_STRING);
    expect(bounds?.min).toBeLessThanOrEqual(actual);
    expect(bounds?.max).toBeGreaterThanOrEqual(actual);
    // short strings are plain values
    expect(pendingStringLength(lazy.test_keys.sent, 0)).toBeUndefined();
    expect(lazy.test_keys.sent[0]).toBe(eager.test_keys.sent[0]);
    // reading decodes once, then the property is an ordinary one
    expect(received[0]).toBe(eager.test_keys.received[0]);
    expect(pendingStringLength(received, 0)).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(received, 0)).toEqual({
      value: eager.test_keys.received[0],
      writable: true,
      enumerable: true,
      configurable: true,
    });
    received[1] = 'replaced';
    expect(received[1]).toBe('replaced');
    expect(Object.keys(lazy)).toEqual(Object.keys(eager));
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])(
    'should read strings across 64 KiB pieces as JSON.parse does (boundary shifted by %i)',
    (shift) => {
      // `{"a":"` is 6 bytes: the escaped backslashes and quotes, then a 4-byte character, straddle the first cut
      const a = 'x'.repeat(ChunkedText.CHUNK_BYTES - 6 - 6 + shift) + '\\"\\\\"' + '😀é€'.repeat(3000);
      const doc = {
        a,
        [`long key ${'k'.repeat(LONG_STRING)}`]: 'short',
        list: ['y'.repeat(LONG_STRING * 2), 1, null, { deep: ['\u0000 ctrl "q" \\ ' + 'z'.repeat(70_000)] }],
        tail: 'ünïcode'.repeat(10000),
      };
      const text = JSON.stringify(doc);
      for (const body of [Buffer.from(text), text]) {
        const lazy = parseJson(body);
        expect(JSON.stringify(lazy)).toBe(text);
        expect(lazy).toEqual(doc);
      }
    },
  );

  it('should not take a key for a value', () => {
    const key = 'k'.repeat(100);
    const text = ChunkedText.of(`{"${key}" : "${'v'.repeat(100)}", "b": ["${'w'.repeat(99)}\\""]}`);
    const spans = findLongStrings(text, 50);
    expect(spans.map(([from, to]) => text.slice(from, to))).toEqual([`"${'v'.repeat(100)}"`, `"${'w'.repeat(99)}\\""`]);
  });

  it('should parse a document that is one long string, and documents spelling a marker', () => {
    const long = 'q'.repeat(LONG_STRING * 20);
    expect(parseJson(Buffer.from(JSON.stringify(long)))).toBe(long);
    const tricky = { a: '\u0000lazy', b: 'p'.repeat(SKIM_MIN_BYTES) };
    expect(parseJson(Buffer.from(JSON.stringify(tricky)))).toEqual(tricky);
  });

  it('should throw SyntaxError on malformed JSON around long strings', () => {
    const body = `{"a": "${'x'.repeat(SKIM_MIN_BYTES)}", "b": }`;
    expect(() => parseJson(Buffer.from(body))).toThrow(SyntaxError);
    expect(() => parseJson(Buffer.from(body.slice(0, -10)))).toThrow(SyntaxError);
  });

  it('should decode invalid UTF-8 with replacement characters, as Buffer#toString does', () => {
    const bytes = Buffer.concat([
      Buffer.from(`{"a": "${'x'.repeat(SKIM_MIN_BYTES)}`),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('"}'),
    ]);
    expect(parseJson(bytes)).toEqual(JSON.parse(bytes.toString('utf8')));
  });
});
