import { dumpScores, markPyInt, pyFloat } from '../../../src/modules/fastpath/scoring/py-json';
import { Scores } from '../../../src/modules/fastpath/scoring/types';

describe('dumpScores', () => {
  it('should write blocking_* and accuracy as Python floats', () => {
    expect(dumpScores({ blocking_general: 1, accuracy: 0, blocking_local: 0.98 })).toBe(
      '{"blocking_general":1.0,"accuracy":0.0,"blocking_local":0.98}',
    );
  });

  it('should keep integers elsewhere as integers', () => {
    expect(dumpScores({ accessible_endpoints: 10, extra: { load_time_ms: 680, test_runtime: 0.5 } })).toBe(
      '{"accessible_endpoints":10,"extra":{"load_time_ms":680,"test_runtime":0.5}}',
    );
  });

  it('should write an int accuracy when a scorer marks it (meek quirk)', () => {
    const scores: Scores = { blocking_general: 1.0, accuracy: 0 };
    markPyInt(scores, 'accuracy');
    expect(dumpScores(scores)).toBe('{"blocking_general":1.0,"accuracy":0}');
    expect(Object.keys(scores)).toEqual(['blocking_general', 'accuracy']);
  });

  it('should escape like ujson (ensure_ascii, escaped forward slashes)', () => {
    expect(dumpScores({ msg: 'failure: a/b "q" é\n\u{1F600}' })).toBe(
      '{"msg":"failure: a\\/b \\"q\\" \\u00e9\\n\\ud83d\\ude00"}',
    );
  });

  it('should write null, booleans and nested lists', () => {
    expect(
      dumpScores({ web_failure: null, confirmed: true, extra: { list: [{ expected_countries: ['IR', 'TR'] }] } }),
    ).toBe('{"web_failure":null,"confirmed":true,"extra":{"list":[{"expected_countries":["IR","TR"]}]}}');
  });
});

describe('pyFloat', () => {
  it.each([
    [0, '0.0'],
    [1, '1.0'],
    [2.5, '2.5'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [123456789012345.0, '123456789012345.0'],
  ])('should render %p as %p', (v, expected) => {
    expect(pyFloat(v)).toBe(expected);
  });
});
