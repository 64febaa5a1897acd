import { JsonFragmentCache } from '../../../../src/common/json/json-fragment-cache';

interface Item {
  id: string;
  n: number;
}

describe('JsonFragmentCache', () => {
  const make = (max?: number): { cache: JsonFragmentCache<Item>; calls: () => number } => {
    let calls = 0;
    const cache = new JsonFragmentCache<Item>(
      (i) => i.id,
      (a, b) => a.id === b.id && a.n === b.n,
      (i) => {
        calls++;
        return JSON.stringify(i);
      },
      max,
    );
    return { cache, calls: () => calls };
  };

  it('should serialize an array as JSON.stringify does, serializing each distinct item once', () => {
    const { cache, calls } = make();
    const items = [
      { id: 'a', n: 1 },
      { id: 'b"\\', n: 2 },
    ];
    expect(cache.arrayJson(items)).toBe(JSON.stringify(items));
    expect(cache.arrayJson([...items].reverse())).toBe(JSON.stringify([...items].reverse()));
    expect(calls()).toBe(2);
    expect(cache.arrayJson([])).toBe('[]');
  });

  it('should re-serialize an item that differs from the stored one under the same key', () => {
    const { cache, calls } = make();
    cache.itemJson({ id: 'a', n: 1 });
    expect(cache.itemJson({ id: 'a', n: 2 })).toBe('{"id":"a","n":2}');
    expect(calls()).toBe(2);
  });

  it('should stay bounded', () => {
    const { cache } = make(10);
    for (let i = 0; i < 35; i++) cache.itemJson({ id: String(i), n: i });
    expect(cache.size).toBeLessThanOrEqual(10);
  });
});
