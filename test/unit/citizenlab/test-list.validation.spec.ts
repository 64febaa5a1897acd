import {
  parseTestList,
  serializeTestList,
  TestListFormatError,
} from '../../../src/modules/citizenlab/test-list.format';
import {
  entryProblem,
  isCountryCode,
  isIsoDay,
  listName,
  urlHost,
} from '../../../src/modules/citizenlab/test-list.validation';
import { fixtureLists } from '../../helpers/test-lists-repo';

const CATEGORIES = new Map([
  ['NEWS', 'News Media'],
  ['FILE', 'File-sharing'],
]);
const ENTRY = {
  url: 'https://www.example.org/',
  category_code: 'NEWS',
  date_added: '2024-02-29',
  source: '',
  notes: '',
};

describe('test list validation', () => {
  it('should accept the URLs of the real lists and extract their host', () => {
    const rows = parseTestList(fixtureLists()['it.csv']);
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(urlHost(row.url)).not.toBeNull();
    expect(urlHost('http://www.torrentdownload.ws/')).toBe('www.torrentdownload.ws');
    expect(urlHost('https://1.2.3.4:8080/x?y=1')).toBe('1.2.3.4');
  });

  it('should refuse URLs the legacy rule refuses', () => {
    for (const url of [
      'ftp://example.org/',
      'https://example.org',
      'https://example.org?q=1',
      'example.org/',
      ' https://example.org/',
      'https://example.org/a b',
      'https://example.org/\\x',
      'https://example.org/\nhttps://evil.org/',
      `https://example.org/${'a'.repeat(3000)}`,
    ]) {
      expect({ url, host: urlHost(url) }).toEqual({ url, host: null });
    }
  });

  it('should report the first problem of an entry, including line breaks in any field', () => {
    expect(entryProblem(ENTRY, CATEGORIES)).toBeNull();
    expect(entryProblem({ ...ENTRY, url: 'nope' }, CATEGORIES)).toBe('url');
    expect(entryProblem({ ...ENTRY, category_code: 'XXX' }, CATEGORIES)).toBe('category_code');
    expect(entryProblem({ ...ENTRY, date_added: '2023-02-29' }, CATEGORIES)).toBe('date_added');
    expect(entryProblem({ ...ENTRY, notes: 'a\nhttps://evil.org/,NEWS' }, CATEGORIES)).toBe('field');
    expect(entryProblem({ ...ENTRY, source: 'x\r' }, CATEGORIES)).toBe('field');
  });

  it('should tell days, countries and list names apart from tricks', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2024-2-29')).toBe(false);
    expect(isCountryCode('MK')).toBe(true);
    expect(isCountryCode('ZZ')).toBe(false);
    expect(isCountryCode('QQ')).toBe(false);
    expect(isCountryCode('QQ', new Set(['QQ']))).toBe(true);
    expect(listName('IT')).toBe('it');
    expect(listName('global')).toBe('global');
    for (const bad of ['../it', 'it/../../etc', 'cis', 'zz', 'i', '', 'it.csv']) expect(listName(bad)).toBeNull();
  });

  it('should parse strictly and write back what it read', () => {
    const text = fixtureLists()['de.csv'];
    expect(serializeTestList(parseTestList(text))).toBe(text.endsWith('\n') ? text : `${text}\n`);
    expect(() => parseTestList('url,category_code\nhttps://a.org/,NEWS\n')).toThrow(TestListFormatError);
    expect(() => parseTestList(`${text}"https://a.org/,NEWS\n`)).toThrow(TestListFormatError);
  });
});
