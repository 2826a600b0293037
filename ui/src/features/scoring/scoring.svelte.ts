// Saving individual scores: every commit sends set_score at once; the cell shows saving,
// saved or error without ever blocking the next keystroke. Saves of one tender are chained so
// the shell receives them in the order they were made.

import { backend } from '../../lib/backend';
import type { IpcError, Score } from '../../lib/model';
import { session, announce } from '../../lib/session.svelte';

export type CellState = { state: 'saving' | 'saved' | 'error'; message?: string };

export const cellStates = $state<Record<string, CellState>>({});

export function cellKey(offer: string, criterion: string, evaluator: string): string {
  return `${offer}\u0000${criterion}\u0000${evaluator}`;
}

let queue: Promise<unknown> = Promise.resolve();

function replaceLocal(score: Score | null, offer: string, criterion: string, evaluator: string) {
  const evaluation = session.evaluation;
  if (!evaluation) return;
  const index = evaluation.scores.findIndex(
    (s) => s.offer === offer && s.criterion === criterion && s.evaluator === evaluator,
  );
  if (score === null) {
    if (index >= 0) evaluation.scores.splice(index, 1);
  } else if (index >= 0) {
    evaluation.scores[index] = score;
  } else {
    evaluation.scores.push(score);
  }
}

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
  const evaluation = session.evaluation;
  if (!reference || !evaluation) return Promise.resolve(false);
  const key = cellKey(cell.offer, cell.criterion, cell.evaluator);
  const previous = evaluation.scores.find(
    (s) => s.offer === cell.offer && s.criterion === cell.criterion && s.evaluator === cell.evaluator,
  );
  const before = previous ? { ...previous } : null;
  replaceLocal(score, cell.offer, cell.criterion, cell.evaluator);
  cellStates[key] = { state: 'saving' };

  const run = async () => {
    try {
      const results = score
        ? await backend.setScore(reference, score, by)
        : await backend.removeScore(reference, cell.offer, cell.criterion, cell.evaluator, by);
      if (session.reference === reference && results) session.results = results;
      cellStates[key] = { state: 'saved' };
      announce(labels.saved);
      return true;
    } catch (error) {
      const e = error as IpcError;
      if (session.reference === reference) replaceLocal(before, cell.offer, cell.criterion, cell.evaluator);
      cellStates[key] = { state: 'error', message: e.message };
      announce(labels.error(e.message), true);
      return false;
    }
  };
  const result = queue.then(run, run);
  queue = result;
  return result;
}
