interface Keyed<T> {
  item: T;
  weight: number;
  /** Uniform in [0, 1): orders equal weights, so that every order of a tie is equally likely. */
  tie: number;
}

/** Whether `a` ranks after `b`: lighter, or as heavy with a smaller tie key. */
const worse = <T>(a: Keyed<T>, b: Keyed<T>): boolean => a.weight < b.weight || (a.weight === b.weight && a.tie < b.tie);

/** Restores the heap (worst at the root) below `i`. */
function siftDown<T>(heap: Keyed<T>[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && worse(heap[l], heap[m])) m = l;
    if (r < heap.length && worse(heap[r], heap[m])) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
}

function siftUp<T>(heap: Keyed<T>[], i: number): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!worse(heap[i], heap[p])) return;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}

/**
 * The `k` heaviest of `items`, heaviest first, equal weights in random order: the same
 * distribution as a shuffle followed by a stable sort on the weight, in O(n log k) instead of
 * O(n log n). A bounded heap keeps the best `k` seen; an item lighter than the worst kept one
 * is dropped without drawing a random number.
 */
export function topKByWeightRandomTies<T>(
  items: Iterable<T>,
  weightOf: (item: T) => number,
  k: number,
  random: () => number,
): T[] {
  if (k <= 0) return [];
  const heap: Keyed<T>[] = [];
  for (const item of items) {
    const weight = weightOf(item);
    if (heap.length < k) {
      heap.push({ item, weight, tie: random() });
      siftUp(heap, heap.length - 1);
      continue;
    }
    const root = heap[0];
    if (weight < root.weight) continue;
    const candidate = { item, weight, tie: random() };
    if (worse(root, candidate)) {
      heap[0] = candidate;
      siftDown(heap, 0);
    }
  }
  return heap.sort((a, b) => b.weight - a.weight || b.tie - a.tie).map((k) => k.item);
}
