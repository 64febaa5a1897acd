import { compareVersions } from '../../../src/modules/fastpath/scoring/pep440';

describe('compareVersions', () => {
  it.each([
    ['0.2.3', '0.2.3', 0],
    ['0.2.2', '0.2.3', -1],
    ['0.2.10', '0.2.3', 1],
    ['0.2', '0.2.0', 0],
    ['3.17.0-alpha', '3.17.2', -1],
    ['3.17.2-alpha', '3.17.2', -1],
    ['3.17.2-beta.1', '3.17.2-alpha.2', 1],
    ['3.17.2.dev1', '3.17.2a1', -1],
    ['3.17.2.post1', '3.17.2', 1],
    ['3.17.2rc1', '3.17.2', -1],
    ['v3.18.0', '3.17.2', 1],
    ['1!0.1', '9.9', 1],
  ])('should compare %s with %s as %d', (a, b, expected) => {
    expect(Math.sign(compareVersions(a, b))).toBe(expected);
  });

  it('should reject versions packaging rejects', () => {
    expect(() => compareVersions('3.17.2-ooni', '3.17.2')).toThrow('Invalid version');
    expect(() => compareVersions('', '3.17.2')).toThrow('Invalid version');
  });
});
