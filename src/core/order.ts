/** Orders shared by the rankers and text search. */
import type { WeightedTerm } from './types.js';

/** Weight, largest first, then term: a total order. */
export function byWeight(a: WeightedTerm, b: WeightedTerm): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}
