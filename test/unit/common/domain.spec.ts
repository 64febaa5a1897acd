import { isValidDomain } from '../../../src/common/validation/domain';

describe('isValidDomain', () => {
  it.each([
    'example.com',
    'a-b_c.example.co.uk',
    'example.com:8080',
    '8.8.4.4',
    '8.8.4.4:53',
    '[::1]:443',
    'bücher.de',
  ])('should accept %s', (d) => expect(isValidDomain(d)).toBe(true));

  it.each(['localhost', 'example.com:', 'example.com:http', '::1', '[::1]', '1.2.3', "a.com' OR 1=1", '-a.com', ''])(
    'should refuse %s',
    (d) => expect(isValidDomain(d)).toBe(false),
  );
});
