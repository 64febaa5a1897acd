import { hashEmailAddress } from '../../../src/modules/auth/account-id';
import { blake2b } from '../../../src/modules/auth/blake2b';

const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => i % 256));
const hex = (data: Uint8Array, key: Uint8Array, size: number): string => blake2b(data, key, size).toString('hex');

// Expected values from Python's hashlib.blake2b (the legacy implementation) and RFC 7693 appendix A.
describe('blake2b', () => {
  it('should match RFC 7693 for unkeyed BLAKE2b-512', () => {
    expect(blake2b(Buffer.from('abc')).toString('hex')).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
        '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
    expect(blake2b(Buffer.alloc(0)).toString('hex')).toBe(
      '786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419' +
        'd25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce',
    );
  });

  it('should match hashlib for keyed digests across block boundaries', () => {
    expect(hex(Buffer.alloc(0), Buffer.from('CHANGEME'), 16)).toBe('e65d0001cd2e070baa15762600cb3a4e');
    expect(hex(bytes(128), bytes(64), 64)).toBe(
      '72065ee4dd91c2d8509fa1fc28a37c7fc9fa7d5b3f8ad3d0d7a25626b57b1b44' +
        '788d4caf806290425f9890a3a2a35a905ab4b37acfd0da6e4517b2525c9651e4',
    );
    expect(hex(bytes(1024), Buffer.from('k'), 32)).toBe(
      'c1e334c329eb869b375474e753a55882fdd674d1b9e73da4a960b99a3f45dbfc',
    );
    expect(hex(Buffer.from('a'.repeat(127)), Buffer.from('0123456789abcdef'), 16)).toBe(
      'ac33e718ebcb498413c8da00be85e8c5',
    );
    expect(hex(Buffer.from('a'.repeat(129)), Buffer.from('x'.repeat(64)), 64)).toBe(
      '98aeae44936399654eacd6efea08a055703d4a89942b2c959d38245ab24cd2ff' +
        '9a001be80b3bb5955c83160e4bff64734defe57c7251b444b03201c55b4cb855',
    );
  });

  it('should refuse keys longer than 64 bytes and bad digest sizes', () => {
    expect(() => blake2b(Buffer.from('x'), bytes(65), 16)).toThrow(RangeError);
    expect(() => blake2b(Buffer.from('x'), bytes(1), 0)).toThrow(RangeError);
    expect(() => blake2b(Buffer.from('x'), bytes(1), 65)).toThrow(RangeError);
  });
});

describe('hashEmailAddress', () => {
  it('should give the account ids of the legacy API', () => {
    // api/tests/integ/test_integration_auth.py: the admin's account_id with the test key CHANGEME.
    expect(hashEmailAddress('integtest@openobservatory.org', 'CHANGEME')).toBe('71e398652ecfb1be6a2359923c7df008');
    expect(hashEmailAddress('nick@localhost.local', 'super_secure')).toBe('9550f5d8a19e28b8b3eb09297e405f0d');
  });

  it('should depend on the key', () => {
    expect(hashEmailAddress('nick@localhost.local', 'other')).not.toBe('9550f5d8a19e28b8b3eb09297e405f0d');
  });
});
