import { jsonNestsDeeperThan } from '../../../src/common/http/json-depth';

const depthOf = (json: string, max: number): boolean => jsonNestsDeeperThan(Buffer.from(json), max);

describe('jsonNestsDeeperThan', () => {
  it('should count arrays and objects alike', () => {
    expect(depthOf('[[1]]', 2)).toBe(false);
    expect(depthOf('[[[1]]]', 2)).toBe(true);
    expect(depthOf('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(depthOf('{"a":{"b":[1]}}', 2)).toBe(true);
  });

  it('should measure the deepest point, not the number of containers', () => {
    const wide = `[${Array.from({ length: 1000 }, () => '[1]').join(',')}]`;
    expect(depthOf(wide, 2)).toBe(false);
  });

  it('should ignore brackets inside strings, escaped quotes included', () => {
    expect(depthOf(`{"a":"${'['.repeat(100)}"}`, 1)).toBe(false);
    expect(depthOf(`{"a":"\\"[[[[","b":"\\\\"}`, 1)).toBe(false);
    expect(depthOf(`{"a":"\\\\","b":[[1]]}`, 2)).toBe(true);
  });

  it('should handle a megabyte of nesting without recursion', () => {
    const deep = Buffer.from('['.repeat(1 << 20));
    expect(jsonNestsDeeperThan(deep, 64)).toBe(true);
  });
});
