import { sortByWeightRandomTies } from '../../../src/modules/prio/prio.ranking';
import { groupByWeight, takeTopRandomTies } from '../../../src/modules/prio/weight-groups';
import { seededRandom } from '../../helpers/seeded-random';

interface Item {
  id: number;
  weight: number;
}

const byWeight = (x: Item): number => x.weight;

describe('takeTopRandomTies', () => {
  const random = seededRandom(5);
  const items: Item[] = Array.from({ length: 1800 }, (_, id) => ({ id, weight: Math.floor(random() * 40) / 3 }));
  const groups = groupByWeight(items, byWeight);

  it('should group equal weights, heaviest group first, every item once', () => {
    expect(groups.map((g) => g.weight)).toEqual([...new Set(items.map(byWeight))].sort((a, b) => b - a));
    expect(groups.flatMap((g) => g.items.map((x) => x.id)).sort((a, b) => a - b)).toEqual(items.map((x) => x.id));
    expect(groups.every((g) => g.items.every((x) => x.weight === g.weight))).toBe(true);
  });

  it('should return the k heaviest, heaviest first, like a full sort', () => {
    for (const k of [0, 1, 37, 100, 1799, 1800, 9999]) {
      const top = takeTopRandomTies(groups, k, seededRandom(k));
      const full = sortByWeightRandomTies([...items], seededRandom(k)).slice(0, k);
      expect(top.map(byWeight)).toEqual(full.map(byWeight));
      expect(new Set(top.map((x) => x.id)).size).toBe(top.length);
    }
  });

  it('should pick the tied items at the limit uniformly, in uniformly random order', () => {
    const tied = groupByWeight([{ id: 0, weight: 9 }, ...[1, 2, 3, 4].map((id) => ({ id, weight: 1 }))], byWeight);
    const chosen = new Map<number, number>();
    const second = new Map<number, number>();
    const rounds = 20000;
    const rnd = seededRandom(17);
    for (let i = 0; i < rounds; i++) {
      const top = takeTopRandomTies(tied, 3, rnd).map((x) => x.id);
      expect(top[0]).toBe(0);
      for (const id of top.slice(1)) chosen.set(id, (chosen.get(id) ?? 0) + 1);
      second.set(top[1], (second.get(top[1]) ?? 0) + 1);
    }
    for (const id of [1, 2, 3, 4]) {
      expect(chosen.get(id)! / rounds).toBeCloseTo(0.5, 1);
      expect(second.get(id)! / rounds).toBeCloseTo(0.25, 1);
    }
  });

  it('should keep only the accepted items, still the heaviest first', () => {
    const even = (x: Item): boolean => x.id % 2 === 0;
    for (const k of [0, 10, 100, 900, 5000]) {
      const top = takeTopRandomTies(groups, k, seededRandom(k), even);
      const full = sortByWeightRandomTies(items.filter(even), seededRandom(k)).slice(0, k);
      expect(top.map(byWeight)).toEqual(full.map(byWeight));
      expect(top.every(even)).toBe(true);
    }
  });

  it('should vary the order of a whole tied group from call to call', () => {
    const orders = new Set<string>();
    for (let i = 0; i < 10; i++) {
      orders.add(
        takeTopRandomTies(groups, 100, Math.random)
          .map((x) => x.id)
          .join(),
      );
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});
