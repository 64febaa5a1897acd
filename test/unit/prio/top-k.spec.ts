import { sortByWeightRandomTies } from '../../../src/modules/prio/prio.ranking';
import { topKByWeightRandomTies } from '../../../src/modules/prio/top-k';
import { seededRandom } from '../../helpers/seeded-random';

interface Item {
  id: number;
  weight: number;
}

const byWeight = (x: Item): number => x.weight;

describe('topKByWeightRandomTies', () => {
  const random = seededRandom(3);
  const items: Item[] = Array.from({ length: 2000 }, (_, id) => ({ id, weight: Math.floor(random() * 50) / 7 }));

  it('should return the k heaviest, heaviest first, like a full sort', () => {
    for (const k of [1, 10, 100, 1999, 2000, 5000]) {
      const top = topKByWeightRandomTies(items, byWeight, k, seededRandom(k));
      const full = sortByWeightRandomTies([...items], seededRandom(k)).slice(0, k);
      expect(top.map(byWeight)).toEqual(full.map(byWeight));
      expect(new Set(top.map((x) => x.id)).size).toBe(top.length);
    }
  });

  it('should return nothing for a limit of zero or less', () => {
    expect(topKByWeightRandomTies(items, byWeight, 0, Math.random)).toEqual([]);
    expect(topKByWeightRandomTies(items, byWeight, -3, Math.random)).toEqual([]);
  });

  it('should pick and order equal weights uniformly at random', () => {
    // 1 heavy item, then 4 tied ones of which 2 fit: each tied item should be chosen half the time
    // and come first in a quarter of the answers.
    const tied: Item[] = [{ id: 0, weight: 9 }, ...[1, 2, 3, 4].map((id) => ({ id, weight: 1 }))];
    const chosen = new Map<number, number>();
    const second = new Map<number, number>();
    const rounds = 20000;
    const rnd = seededRandom(11);
    for (let i = 0; i < rounds; i++) {
      const top = topKByWeightRandomTies(tied, byWeight, 3, rnd).map((x) => x.id);
      expect(top[0]).toBe(0);
      for (const id of top.slice(1)) chosen.set(id, (chosen.get(id) ?? 0) + 1);
      second.set(top[1], (second.get(top[1]) ?? 0) + 1);
    }
    for (const id of [1, 2, 3, 4]) {
      expect(chosen.get(id)! / rounds).toBeCloseTo(0.5, 1);
      expect(second.get(id)! / rounds).toBeCloseTo(0.25, 1);
    }
  });

  it('should be reproducible with a seeded random source', () => {
    const a = topKByWeightRandomTies(items, byWeight, 100, seededRandom(42)).map((x) => x.id);
    const b = topKByWeightRandomTies(items, byWeight, 100, seededRandom(42)).map((x) => x.id);
    const c = topKByWeightRandomTies(items, byWeight, 100, seededRandom(43)).map((x) => x.id);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
