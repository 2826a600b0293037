// Saving individual scores: every commit sends set_score (or remove_score) at once; the cell
// shows saving, saved or error without ever blocking the next keystroke. Saves of one tender are
// chained so the shell receives them in the order they were made. The evaluation on screen is
// never patched here: while a save is under way the cell shows what was typed as pending, and
// once the shell answers, the cell as saved (and the new results) replace what was shown.

import { backend } from '../../lib/backend';
import type { Score } from '../../ipc/bindings.gen';
import type { IpcError } from '../../lib/model';
import { session, announce, scoreKey, showSavedCell } from '../../lib/session.svelte';

/** `pending`: the answer typed and not yet saved (`null` when clearing), shown meanwhile;
 * `save`: which save it is, so that only the answer to the latest one settles the cell. */
export type CellState = { state: 'saving' | 'saved' | 'error'; message?: string; pending?: Score | null; save?: number };

export const cellStates = $state<Record<string, CellState>>({});

/** The key of one evaluator's cell (the session's score key). */
export const cellKey = scoreKey;

let queue: Promise<unknown> = Promise.resolve();
let saves = 0;

/**
 * Records a score (or clears it when `score` is null) for the open evaluation.
 * Resolves to true when saved.
 */
export function saveScore(
  cell: { offer: string; criterion: string; evaluator: string },
  score: Score | null,
  labels: { saved: string; error: (message: string) => string },
  by?: string,
): Promise<boolean> {
  const reference = session.reference;
  if (!reference || !session.evaluation) return Promise.resolve(false);
  const key = cellKey(cell.offer, cell.criterion, cell.evaluator);
  const save = ++saves;
  // (Compared by number: the state wraps `score` in a proxy, so identity would never match.)
  cellStates[key] = { state: 'saving', pending: score, save };

  const run = async () => {
    try {
      const saved = score
        ? await backend.setScore(reference, score, by)
        : await backend.removeScore(reference, cell.offer, cell.criterion, cell.evaluator, by);
      if (session.reference !== reference) return true;
      showSavedCell(saved);
      // A later keystroke on the same cell may already be on its way: leave its state alone.
      if (cellStates[key]?.save === save) cellStates[key] = { state: 'saved' };
      announce(labels.saved);
      return true;
    } catch (error) {
      const e = error as IpcError;
      if (cellStates[key]?.save === save) cellStates[key] = { state: 'error', message: e.message };
      announce(labels.error(e.message), true);
      return false;
    }
  };
  const result = queue.then(run, run);
  queue = result;
  return result;
}
