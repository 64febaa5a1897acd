import { countryName } from '../../../src/modules/private-stats/country-names';

describe('countryName', () => {
  it('should name ISO 3166 countries in English', () => {
    expect(countryName('IT')).toBe('Italy');
    expect(countryName('BR')).toBe('Brazil');
    expect(countryName('XK')).toBe('Kosovo');
  });

  it('should leave out codes that name no country', () => {
    for (const cc of ['ZZ', 'XX', 'QQ', 'AA', 'it', 'I1', '']) expect(countryName(cc)).toBeUndefined();
  });
});
