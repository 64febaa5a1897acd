import { splitCommaList } from '../../../src/common/validation/comma-list';
import { commaSplit } from '../../../src/common/validation/query-params';

describe('splitCommaList', () => {
  it('should trim items, drop empty ones and keep the first of repeated ones, in order', () => {
    expect(splitCommaList(' NEWS, HUMR,,NEWS ,  ,GMB')).toEqual(['NEWS', 'HUMR', 'GMB']);
  });

  it('should keep repeats when asked to', () => {
    expect(splitCommaList('1,2,1', { unique: false })).toEqual(['1', '2', '1']);
  });

  it('should keep blanks inside items without trimming, as legacy commasplit', () => {
    expect(splitCommaList('IT, DE,IT', { trim: false })).toEqual(['IT', ' DE']);
  });

  it('should sort when asked to', () => {
    expect(splitCommaList('web_connectivity,dnscheck,web_connectivity', { sort: true })).toEqual([
      'dnscheck',
      'web_connectivity',
    ]);
  });

  it('should give no items for an empty text or only commas', () => {
    expect(splitCommaList('')).toEqual([]);
    expect(splitCommaList(',,,')).toEqual([]);
  });

  it('should be the rule behind legacy commaSplit (untrimmed, unique, sorted)', () => {
    expect(commaSplit('IT,,DE, FR,IT')).toEqual([' FR', 'DE', 'IT']);
  });
});
