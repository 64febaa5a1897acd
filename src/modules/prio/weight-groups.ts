/** Items of one weight. */
export interface WeightGroup<T> {
  weight: number;
  items: T[];
}

/** `items` grouped by equal weight, heaviest group first. */
export function groupByWeight<T>(items: Iterable<T>, weightOf: (item: T) => number): WeightGroup<T>[] {
  const byWeight = new Map<number, T[]>();
  for (const item of items) {
    const w = weightOf(item);
    const group = byWeight.get(w);
    if (group) group.push(item);
    else byWeight.set(w, [item]);
  }
  return [...byWeight].map(([weight, grouped]) => ({ weight, items: grouped })).sort((a, b) => b.weight - a.weight);
}

/**
 * `r` distinct items of `items` in uniformly random order: the first `r` steps of a Fisher-Yates
 * shuffle, swaps kept in a sparse map, so O(r) whatever the size of `items`.
 */
function sampleInRandomOrder<T>(items: readonly T[], r: number, random: () => number): T[] {
  const swapped = new Map<number, number>();
  const out: T[] = [];
  for (let i = 0; i < r; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    const atI = swapped.get(i) ?? i;
    out.push(items[swapped.get(j) ?? j]);
    swapped.set(j, atI);
  }
  return out;
}

/**
 * The first `k` items of the weight order, among those `keep` accepts, with ties in random
 * order — the same distribution as a shuffle followed by a stable sort on the weight — from
 * precomputed groups: every group that fits whole, in random order, then a random sample of
 * the group at the limit. Groups below the limit are never looked at.
 */
export function takeTopRandomTies<T>(
  groups: readonly WeightGroup<T>[],
  k: number,
  random: () => number,
  keep?: (item: T) => boolean,
): T[] {
  const out: T[] = [];
  for (const group of groups) {
    const room = k - out.length;
    if (room <= 0) break;
    const items = keep ? group.items.filter(keep) : group.items;
    out.push(...sampleInRandomOrder(items, Math.min(room, items.length), random));
  }
  return out;
}
