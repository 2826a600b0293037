// The open evaluation and its results, shared by every screen of a tender. Each edit sends one
// command; the shell answers with fresh results, which replace ours, while the evaluation
// itself is updated locally with the same edit (so typing never waits for a reload).

import { backend } from './backend';
import type { Evaluation, IpcError, Results } from './model';

export const session = $state<{
  reference: string | null;
  evaluation: Evaluation | null;
  results: Results | null;
  loading: boolean;
  error: IpcError | null;
}>({ reference: null, evaluation: null, results: null, loading: false, error: null });

export async function openEvaluation(reference: string): Promise<void> {
  session.loading = true;
  session.error = null;
  session.reference = reference;
  try {
    const opened = await backend.openEvaluation(reference);
    if (session.reference !== reference) return;
    session.evaluation = normalise(opened.evaluation);
    session.results = opened.results;
  } catch (error) {
    session.error = error as IpcError;
    session.evaluation = null;
    session.results = null;
  } finally {
    session.loading = false;
  }
}

export async function reloadEvaluation(): Promise<void> {
  if (session.reference) await openEvaluation(session.reference);
}

export function closeEvaluation(): void {
  session.reference = null;
  session.evaluation = null;
  session.results = null;
  session.error = null;
}

/** Fills the defaults of the format (§1, §3) so screens can read every key. */
export function normalise(evaluation: Evaluation): Evaluation {
  return {
    ...evaluation,
    settings: {
      consolidation: evaluation.settings?.consolidation ?? 'mean',
      divergence_threshold: evaluation.settings?.divergence_threshold ?? 0.3,
      abnormally_low: evaluation.settings?.abnormally_low ?? { method: 'mean_minus_sigma' },
    },
    evaluators: evaluation.evaluators ?? [],
    offers: evaluation.offers ?? [],
    scores: evaluation.scores ?? [],
    consensus: evaluation.consensus ?? [],
  };
}

// ---- live region ----

export const announcer = $state<{ polite: string; assertive: string }>({ polite: '', assertive: '' });

/** Says `message` to screen readers (and shows it in the status line). */
export function announce(message: string, urgent = false): void {
  // Clearing first makes a repeated message be read again.
  if (urgent) {
    announcer.assertive = '';
    queueMicrotask(() => (announcer.assertive = message));
  } else {
    announcer.polite = '';
    queueMicrotask(() => (announcer.polite = message));
  }
}

// ---- who is scoring ----

const ME_KEY = 'jauge.me.';

export function rememberedEvaluator(reference: string): string | null {
  try {
    return globalThis.localStorage?.getItem(ME_KEY + reference) ?? null;
  } catch {
    return null;
  }
}

export function rememberEvaluator(reference: string, evaluator: string): void {
  try {
    globalThis.localStorage?.setItem(ME_KEY + reference, evaluator);
  } catch {
    // ignore
  }
}
