import * as fs from 'node:fs';
import * as path from 'node:path';
import { inputColumn, measurementLine } from '../../../src/modules/scheduler/uploader/measurement-line';
import { FIXTURES_DIR, listMeasurementFixtures, loadMeasurement } from '../../helpers/fixtures';

const UID = '20240101120000.123456_IT_webconnectivity_0123456789abcdef';

function lineOf(post: string | Buffer): {
  json: unknown;
  text: string;
  reportId: string;
  input: string;
  parsed: boolean;
} {
  const r = measurementLine(Buffer.from(post), UID);
  const text = r.line.toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  expect(text.slice(0, -1)).not.toMatch(/[\r\n]/);
  return { json: JSON.parse(text), text, reportId: r.reportId, input: r.input, parsed: r.parsed };
}

describe('measurementLine', () => {
  it('should unwrap every real measurement: the line is the probe content, byte for byte', () => {
    const names = listMeasurementFixtures('.json');
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) {
      const content = loadMeasurement(name);
      const r = lineOf(JSON.stringify({ format: 'json', content }));
      expect(r.text).toBe(`${JSON.stringify(content)}\n`);
      expect(r.reportId).toBe(typeof content.report_id === 'string' ? content.report_id : '');
      expect(r.input).toBe(inputColumn(content.input));
    }
  });

  it('should keep the probe bytes as sent: number formats and escapes survive', () => {
    const raw =
      '{"content": {"report_id": "r\\"1", "n": 1.0, "big": 12345678901234567890, "s": "\\u00e9"}, "format": "json"}';
    const r = lineOf(raw);
    expect(r.text).toBe('{"report_id": "r\\"1", "n": 1.0, "big": 12345678901234567890, "s": "\\u00e9"}\n');
    expect(r.reportId).toBe('r"1');
  });

  it('should flatten pretty-printed JSON onto one line', () => {
    const pretty = fs.readFileSync(path.join(FIXTURES_DIR, 'measurements', 'report1.json.pretty'), 'utf8');
    const post = `{\n  "format": "json",\n  "content": ${pretty}\n}\n`;
    const line = lineOf(post);
    expect(line.json).toEqual(JSON.parse(pretty));
    expect(line.text).toBe(`${pretty.trimEnd().replace(/[\r\n]/g, ' ')}\n`);
  });

  it('should keep a measurement_uid sent by the probe, and empty content, as they are', () => {
    expect(lineOf('{"format":"json","content":{"measurement_uid": "probe\'s"}}').text).toBe(
      '{"measurement_uid": "probe\'s"}\n',
    );
    expect(lineOf('{"format":"json","content":{ }}').text).toBe('{ }\n');
  });

  it('should store lists of inputs like the fastpath, and ignore inputs of other types', () => {
    expect(lineOf('{"format":"json","content":{"input":["a","b"]}}').input).toBe('{a,b}');
    expect(lineOf('{"format":"json","content":{"input":null}}').input).toBe('');
    expect(lineOf('{"format":"json","content":{"input":7,"report_id":8}}')).toMatchObject({ input: '', reportId: '' });
  });

  it('should convert YAML reports to JSON', () => {
    const yaml = 'report_id: 20140101T000000Z_AS1_x\ninput: http://example.org/\ntest_keys:\n  a: [1, 2]\n';
    const r = lineOf(JSON.stringify({ format: 'yaml', content: yaml }));
    expect(r.json).toEqual({
      report_id: '20140101T000000Z_AS1_x',
      input: 'http://example.org/',
      test_keys: { a: [1, 2] },
    });
    expect(r.parsed).toBe(true);
  });

  it('should write a placeholder line for unreadable submissions, never throw', () => {
    for (const bad of [
      '',
      'not json',
      '{"format":"json","content":[1]}',
      '{"format":"yaml","content":"a: [b"}',
      '{"content":{}}',
    ]) {
      const r = lineOf(bad);
      expect(r.json).toEqual({ measurement_uid: UID });
      expect(r.parsed).toBe(false);
    }
  });
});
