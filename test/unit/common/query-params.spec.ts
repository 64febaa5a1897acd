import { ApiError } from '../../../src/common/errors/api-error';
import { MAX_ASN, parseAsn } from '../../../src/common/validation/asn';
import { asnParam, commaSplit, param } from '../../../src/common/validation/query-params';

describe('param', () => {
  it('should take the first value of a repeated key, as Flask request.args.get', () => {
    expect(param({ a: ['1', '2'] }, 'a')).toBe('1');
    expect(param({ a: '3' }, 'a')).toBe('3');
    expect(param({ a: { nested: 'x' } }, 'a')).toBeUndefined();
    expect(param({ a: [{ nested: 'x' }, 'y'] }, 'a')).toBeUndefined();
    expect(param({}, 'a')).toBeUndefined();
  });
});

describe('commaSplit', () => {
  it('should drop empties and duplicates and sort', () => {
    expect(commaSplit(',b,a,,b,')).toEqual(['a', 'b']);
  });
});

describe('parseAsn', () => {
  it('should accept AS123 and 123 up to the largest Int32', () => {
    expect(['AS3269', '3269'].map(parseAsn)).toEqual([3269, 3269]);
    expect(parseAsn('0')).toBe(0);
    expect(parseAsn(String(MAX_ASN))).toBe(2147483647);
  });

  it('should refuse what the probe_asn column cannot hold or is not a number', () => {
    for (const bad of ['as3269', '2147483648', '4294967295', 'AS', '', '-1', '12a', 'AS 1', '1.5', '12345678901']) {
      expect({ bad, asn: parseAsn(bad) }).toEqual({ bad, asn: null });
    }
  });

  it('should make every route answer 400 with one message for a bad ASN', () => {
    const err = ((): unknown => {
      try {
        return asnParam({ probe_asn: '4294967295' }, 'probe_asn');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).getResponse()).toEqual({ error: 'Invalid ASN value in parameter probe_asn' });
    expect((err as ApiError).getStatus()).toBe(400);
    expect(asnParam({ probe_asn: ['AS1', 'AS2'] }, 'probe_asn')).toBe(1);
  });
});
