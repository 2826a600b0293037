// What the banner above the ranking says, read from the results document alone. It must never
// claim more than the engine decided: a green "complete" only when offers are ranked for good,
// an error when no offer can be ranked at all (every one eliminated), and counts of missing
// scores that leave out eliminated offers, whose scores no longer change anything.

import type { Results } from '../../ipc/bindings.gen';

export type ResultsStatus =
  /** No offer was received. */
  | { tone: 'none' }
  /** Every offer is eliminated: nothing can be ranked, whatever the remaining scores. */
  | { tone: 'error'; kind: 'all_eliminated'; eliminated: number }
  /** Some offers still lack scores or decisions: the ranking is provisional. */
  | { tone: 'warning'; kind: 'incomplete'; pending: number }
  /** Every offer that is not eliminated is ranked, and one is first. */
  | { tone: 'success'; kind: 'complete'; winner: string }
  /** Every offer that is not eliminated is ranked, but several share the first rank. */
  | { tone: 'info'; kind: 'tie' };

export function resultsStatus(results: Results): ResultsStatus {
  if (results.offers.length === 0) return { tone: 'none' };
  const eliminated = new Set(results.offers.filter((o) => o.status === 'eliminated').map((o) => o.id));
  if (eliminated.size === results.offers.length) {
    return { tone: 'error', kind: 'all_eliminated', eliminated: eliminated.size };
  }
  if (!results.complete) {
    const open = [...results.missing, ...results.undecided].filter((cell) => !eliminated.has(cell.offer));
    return { tone: 'warning', kind: 'incomplete', pending: open.length };
  }
  if (results.winner) return { tone: 'success', kind: 'complete', winner: results.winner };
  return { tone: 'info', kind: 'tie' };
}
