import { JsonLines, stringifyInsertValue } from '../../../../src/common/clickhouse/json-lines';

describe('JsonLines', () => {
  it('should join chunks of lines, leaving out empty ones, and be null without any line', () => {
    expect(JsonLines.join(['{"a":1}\n{"a":2}', '', '{"a":3}'])?.text).toBe('{"a":1}\n{"a":2}\n{"a":3}');
    expect(JsonLines.join(['', ''])).toBeNull();
    expect(JsonLines.join([])).toBeNull();
  });
});

describe('stringifyInsertValue', () => {
  it('should write JSON lines as they are and anything else as JSON.stringify does', () => {
    expect(stringifyInsertValue(new JsonLines('{"a":1}\n{"a":2}'))).toBe('{"a":1}\n{"a":2}');
    const row = { id: 'x"y', n: [1, null], s: 'é\n' };
    expect(stringifyInsertValue(row)).toBe(JSON.stringify(row));
  });
});
