import { bindQueryParams, QueryParamError } from '../../../src/common/clickhouse/params/bind-params';
import { formatClickhouseType, parseClickhouseType } from '../../../src/common/clickhouse/params/clickhouse-type';
import { quoteString } from '../../../src/common/clickhouse/params/sql-literal';

// The placeholder's declared type is what these tests vary.
// eslint-disable-next-line no-restricted-syntax
const bind1 = (type: string, value: unknown): string => bindQueryParams(`SELECT {v:${type}}`, { v: value });
const rendered = (type: string, value: unknown): string => bind1(type, value).replace(/^SELECT /, '');

describe('parseClickhouseType', () => {
  it('should parse every type the repositories declare, and spell it canonically', () => {
    for (const t of [
      'String',
      'FixedString(32)',
      'UInt8',
      'UInt32',
      'UInt64',
      'Int32',
      'Bool',
      'DateTime',
      'Array(String)',
      'Array(Int32)',
      'Array(UInt32)',
      'Array(FixedString(2))',
      'LowCardinality(String)',
      'Nullable(String)',
      'Date',
      'DateTime64(3)',
      'UUID',
      'Float64',
      'Array(Nullable(Int8))',
    ]) {
      expect(formatClickhouseType(parseClickhouseType(t))).toBe(t);
    }
  });

  it('should refuse unknown, unsupported or malformed types', () => {
    for (const t of [
      'Map(String, String)',
      'Tuple(String)',
      'Decimal(10, 2)',
      "DateTime('UTC')",
      'DateTime64(10)',
      'FixedString(0)',
      'FixedString(x)',
      'Array(String',
      'string',
      'Nullable(Array(String))',
      'LowCardinality(UInt8)',
      'Identifier',
      'String) OR 1=1 --',
      '',
    ]) {
      expect(() => parseClickhouseType(t)).toThrow(QueryParamError);
    }
  });
});

describe('quoteString', () => {
  it('should escape the quote, the backslash and control characters', () => {
    expect(quoteString("it's")).toBe("'it\\'s'");
    expect(quoteString('a\\b')).toBe("'a\\\\b'");
    expect(quoteString("\\'")).toBe("'\\\\\\''");
    expect(quoteString('a\0b\nc\rd\te\x01f\x7f')).toBe("'a\\0b\\nc\\rd\\te\\x01f\\x7f'");
  });

  it('should keep any well-formed Unicode as is and refuse a lone surrogate', () => {
    expect(quoteString('Ελληνικά 中文 😀')).toBe("'Ελληνικά 中文 😀'");
    expect(() => quoteString('a\uD800b')).toThrow(QueryParamError);
    expect(() => quoteString('\uDC00')).toThrow(QueryParamError);
  });
});

describe('bindQueryParams', () => {
  it('should render strings as a cast of an escaped literal', () => {
    expect(rendered('String', "'; DROP TABLE fastpath; --")).toBe("CAST('\\'; DROP TABLE fastpath; --' AS String)");
    expect(rendered('LowCardinality(String)', 'IT')).toBe("CAST('IT' AS LowCardinality(String))");
  });

  it('should never substitute again inside a bound value', () => {
    const sql = bindQueryParams('SELECT {a:String}, {b:String}', { a: '{b:String}', b: 'x' });
    expect(sql).toBe("SELECT CAST('{b:String}' AS String), CAST('x' AS String)");
  });

  it('should leave placeholders inside string literals, quoted identifiers and comments alone', () => {
    const sql = 'SELECT \'{a:String}\', "{a:String}", `{a:String}` -- {a:String}\n /* {a:String} */ {a:String}';
    expect(bindQueryParams(sql, { a: 'v' })).toBe(
      "SELECT '{a:String}', \"{a:String}\", `{a:String}` -- {a:String}\n /* {a:String} */ CAST('v' AS String)",
    );
    expect(bindQueryParams("SELECT 'it''s {a:String}', 'x\\'{a:String}', {a:String}", { a: 'v' })).toBe(
      "SELECT 'it''s {a:String}', 'x\\'{a:String}', CAST('v' AS String)",
    );
  });

  it('should return the SQL unchanged when it has no placeholder', () => {
    const sql = 'SELECT \'{"blocking_general":1.0}\' AS scores';
    expect(bindQueryParams(sql, { a: 1 })).toBe(sql);
  });

  it('should refuse a missing value, an unknown type and an unterminated literal', () => {
    expect(() => bindQueryParams('SELECT {a:String}', {})).toThrow(/a has no value/);
    expect(() => bindQueryParams('SELECT {a:Map(String, String)}', { a: {} })).toThrow(QueryParamError);
    expect(() => bindQueryParams("SELECT 'abc {a:String}", { a: 'x' })).toThrow(/unterminated/);
    expect(() => bindQueryParams('SELECT {a:String} /* x', { a: 'x' })).toThrow(/unterminated/);
  });

  it('should render arrays of hostile strings element by element', () => {
    expect(rendered('Array(String)', ["a'b", 'c\\', '\0', '{x:String}'])).toBe(
      "CAST(['a\\'b', 'c\\\\', '\\0', '{x:String}'] AS Array(String))",
    );
    expect(rendered('Array(String)', [])).toBe('CAST([] AS Array(String))');
    expect(() => bind1('Array(String)', ['a', 1])).toThrow(/not a valid String/);
    expect(() => bind1('Array(String)', 'a')).toThrow(QueryParamError);
  });

  it('should check FixedString lengths in UTF-8 bytes', () => {
    expect(rendered('FixedString(2)', 'IT')).toBe("CAST('IT' AS FixedString(2))");
    expect(rendered('Array(FixedString(2))', ['IT', 'D'])).toBe("CAST(['IT', 'D'] AS Array(FixedString(2)))");
    expect(() => bind1('FixedString(2)', 'ITA')).toThrow(QueryParamError);
    expect(() => bind1('FixedString(2)', 'é€')).toThrow(QueryParamError);
  });

  it('should render integers in range and refuse the rest', () => {
    expect(rendered('UInt8', 255)).toBe('CAST(255 AS UInt8)');
    expect(rendered('Int32', -2147483648)).toBe('CAST(-2147483648 AS Int32)');
    expect(rendered('UInt64', '18446744073709551615')).toBe('CAST(18446744073709551615 AS UInt64)');
    expect(rendered('Int64', -9223372036854775808n)).toBe('CAST(-9223372036854775808 AS Int64)');
    expect(rendered('UInt128', 2n ** 128n - 1n)).toBe(`CAST('${2n ** 128n - 1n}' AS UInt128)`);
    for (const [type, bad] of [
      ['UInt8', 256],
      ['UInt8', -1],
      ['Int8', 128],
      ['Int32', 2147483648],
      ['UInt32', 1.5],
      ['UInt32', NaN],
      ['UInt32', '12abc'],
      ['UInt32', '1e3'],
      ['UInt32', ''],
      ['UInt64', '18446744073709551616'],
      ['UInt64', 2 ** 60],
      ['Int32', true],
      ['Int32', null],
    ] as const) {
      expect(() => bind1(type, bad)).toThrow(QueryParamError);
    }
    expect(rendered('Array(UInt32)', [1, 2])).toBe('CAST([1, 2] AS Array(UInt32))');
    expect(() => bind1('Array(UInt32)', [1, -2])).toThrow(/out of range for UInt32/);
  });

  it('should render floats and refuse non-finite ones', () => {
    expect(rendered('Float64', 1.5)).toBe('CAST(1.5 AS Float64)');
    expect(rendered('Float64', -1e300)).toBe('CAST(-1e+300 AS Float64)');
    for (const bad of [Infinity, NaN, '1.5']) expect(() => bind1('Float64', bad)).toThrow(QueryParamError);
    expect(() => bind1('Float32', 1e39)).toThrow(QueryParamError);
  });

  it('should render Bool only from booleans', () => {
    expect(rendered('Bool', true)).toBe('CAST(true AS Bool)');
    expect(rendered('Bool', false)).toBe('CAST(false AS Bool)');
    for (const bad of [1, 'true', null]) expect(() => bind1('Bool', bad)).toThrow(QueryParamError);
  });

  it('should render dates and date-times that exist, and refuse the rest', () => {
    expect(rendered('Date', '2024-02-29')).toBe("CAST('2024-02-29' AS Date)");
    expect(rendered('Date', new Date('2024-03-01T23:59:59Z'))).toBe("CAST('2024-03-01' AS Date)");
    expect(rendered('DateTime', '2024-01-02 03:04:05')).toBe("CAST('2024-01-02 03:04:05' AS DateTime)");
    expect(rendered('DateTime', '2024-01-02T03:04:05')).toBe("CAST('2024-01-02 03:04:05' AS DateTime)");
    expect(rendered('DateTime', '2024-01-02')).toBe("CAST('2024-01-02' AS DateTime)");
    expect(rendered('DateTime', new Date('2023-11-14T22:13:20.900Z'))).toBe('CAST(1700000000 AS DateTime)');
    expect(rendered('DateTime', 1700000000)).toBe('CAST(1700000000 AS DateTime)');
    expect(rendered('DateTime64(3)', '2024-01-02 03:04:05.123')).toBe(
      "CAST('2024-01-02 03:04:05.123' AS DateTime64(3))",
    );
    expect(rendered('DateTime64(3)', new Date('2023-11-14T22:13:20.007Z'))).toBe(
      "CAST('1700000000.007' AS DateTime64(3))",
    );
    for (const [type, bad] of [
      ['Date', '2023-02-29'],
      ['Date', '2024-13-01'],
      ['Date', '1969-12-31'],
      ['Date', '2024-1-1'],
      ['Date', new Date('nope')],
      ['DateTime', '2024-01-02 24:00:00'],
      ['DateTime', '2024-01-02 03:04:05.5'],
      ['DateTime', "2024-01-02 03:04:05' OR 1=1"],
      ['DateTime', '2107-01-01 00:00:00'],
      ['DateTime', -1],
      ['DateTime', 1.5],
      ['DateTime', 2 ** 32],
      ['DateTime64(3)', '2024-01-02 03:04:05.1234'],
      ['DateTime', {}],
    ] as const) {
      expect(() => bind1(type, bad)).toThrow(QueryParamError);
    }
  });

  it('should render UUIDs and nullables', () => {
    expect(rendered('UUID', '6BA7B810-9DAD-11D1-80B4-00C04FD430C8')).toBe(
      "CAST('6ba7b810-9dad-11d1-80b4-00c04fd430c8' AS UUID)",
    );
    expect(() => bind1('UUID', "6ba7b810-9dad-11d1-80b4-00c04fd430c8'")).toThrow(QueryParamError);
    expect(rendered('Nullable(String)', null)).toBe('CAST(NULL AS Nullable(String))');
    expect(rendered('Array(Nullable(UInt8))', [null, 1])).toBe('CAST([NULL, 1] AS Array(Nullable(UInt8)))');
    expect(() => bind1('String', null)).toThrow(QueryParamError);
  });

  it('should render an identifier as one quoted name, escaping its quote', () => {
    expect(bindQueryParams('SELECT count() FROM {t:Identifier}', { t: 'fastpath_tmp' })).toBe(
      'SELECT count() FROM `fastpath_tmp`',
    );
    expect(bindQueryParams('TRUNCATE TABLE {t:Identifier}', { t: '.inner_id.07a1' })).toBe(
      'TRUNCATE TABLE `.inner_id.07a1`',
    );
    expect(bindQueryParams('SELECT 1 FROM {t:Identifier}', { t: 'a`; DROP TABLE x; --\\' })).toBe(
      'SELECT 1 FROM `a\\`; DROP TABLE x; --\\\\`',
    );
    for (const bad of ['', 'x'.repeat(256), 7, null]) {
      expect(() => bindQueryParams('SELECT 1 FROM {t:Identifier}', { t: bad })).toThrow(QueryParamError);
    }
  });

  it('should name the parameter in the error', () => {
    expect(() => bindQueryParams('SELECT {limit:UInt32}', { limit: -1 })).toThrow(/parameter limit: .*UInt32/);
  });
});
