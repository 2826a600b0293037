// The open evaluation and its results, shared by every screen of a tender. Screens never edit
// this copy by rules of their own: every edit goes to the shell, and what the shell answers —
// the saved evaluation, or for a score or decision the saved cell — replaces what is shown, so
// what is on screen is what is saved.

import { SvelteMap } from 'svelte/reactivity';
import { backend } from './backend';
import type {
  CellView,
  EvaluationDocument,
  EvaluationView,
  EvaluatorWorkspace,
  ResultsDocument,
  Score,
} from '../ipc/bindings.gen';
import type { IpcError } from './model';

/** The key of one evaluator's score on one (offer, criterion) cell. */
export function scoreKey(offer: string, criterion: string, evaluator: string): string {
  return `${offer}\u0000${criterion}\u0000${evaluator}`;
}

class Session {
  /** The key the open evaluation is stored under, which every command names: its reference, or
   * for a lot of a consultation (or a member's workspace of one) the reference and the lot
   * (`REF#lot`), while its `tender.reference` stays the consultation's. */
  reference = $state<string | null>(null);
  /** `reference` where an evaluation is open (every screen that edits one). */
  get key(): string {
    return this.reference ?? '';
  }
  // Raw, not deep, state: the evaluation and its results are only ever replaced whole by what
  // the shell answers, never mutated in place, so Svelte need not wrap each of their thousands
  // of scores and cells in a proxy (which made a 12 × 120 × 5 grid slow to open and to edit).
  #evaluation = $state.raw<EvaluationDocument | null>(null);
  results = $state.raw<ResultsDocument | null>(null);
  loading = $state(false);
  error = $state<IpcError | null>(null);
  /** The package facts when the open evaluation is an evaluator's workspace: the screens then
   * show that evaluator's grid and return file only (Rust refuses any other edit). */
  workspace = $state.raw<EvaluatorWorkspace | null>(null);
  /** The consultation the open evaluation is a lot of: its bidders' companies, its tender and
   * new offers are the consultation's, edited on its home (Rust refuses them here). */
  consultation = $state<string | null>(null);
  /** The evaluation's scores by `scoreKey`, in step with `evaluation`: rebuilt when a whole
   * evaluation is shown, updated for the one cell a score edit saved — so a grid cell, which
   * reads its own key, redraws only when its own score changed. */
  readonly scores = new SvelteMap<string, Score>();

  get evaluation(): EvaluationDocument | null {
    return this.#evaluation;
  }

  set evaluation(evaluation: EvaluationDocument | null) {
    this.#evaluation = evaluation;
    this.scores.clear();
    for (const s of evaluation?.scores ?? []) this.scores.set(scoreKey(s.offer, s.criterion, s.evaluator), s);
  }

  /** Shows a saved cell: the evaluation with the cell's scores and decision replaced, and only
   * that cell's entries of `scores` touched. */
  showCell(cell: CellView): void {
    const evaluation = this.#evaluation;
    if (!evaluation) return;
    const here = (s: { offer: string; criterion: string }) => s.offer === cell.offer && s.criterion === cell.criterion;
    for (const s of evaluation.scores) {
      if (here(s) && !cell.scores.some((saved) => saved.evaluator === s.evaluator)) {
        this.scores.delete(scoreKey(s.offer, s.criterion, s.evaluator));
      }
    }
    for (const s of cell.scores) this.scores.set(scoreKey(s.offer, s.criterion, s.evaluator), s);
    this.#evaluation = {
      ...evaluation,
      scores: replaceCell(evaluation.scores, here, cell.scores),
      consensus: replaceCell(evaluation.consensus, here, cell.consensus ? [cell.consensus] : []),
    };
    this.results = cell.results;
  }
}

export const session = new Session();

export async function openEvaluation(reference: string): Promise<void> {
  session.loading = true;
  session.error = null;
  session.reference = reference;
  try {
    const [opened, workspace, consultation] = await Promise.all([
      backend.openEvaluation(reference),
      backend.evaluatorWorkspace(reference),
      backend.consultationOfLot(reference),
    ]);
    if (session.reference !== reference) return;
    session.workspace = workspace ?? null;
    session.consultation = consultation ?? null;
    showSaved(opened);
  } catch (error) {
    session.error = error as IpcError;
    session.evaluation = null;
    session.results = null;
    session.workspace = null;
    session.consultation = null;
  } finally {
    session.loading = false;
  }
}

export async function reloadEvaluation(): Promise<void> {
  if (session.reference) await openEvaluation(session.reference);
}

export function closeEvaluation(): void {
  session.reference = null;
  session.workspace = null;
  session.consultation = null;
  session.evaluation = null;
  session.results = null;
  session.error = null;
}

/** Shows the evaluation as the shell saved it (after opening it, or after a set-up edit). Its
 * key stays the one it was opened under: a lot's `tender.reference` is its consultation's. */
export function showSaved(view: EvaluationView): void {
  session.evaluation = view.evaluation;
  session.results = view.results;
}

/** Shows one (offer, criterion) cell as the shell saved it — every evaluator's score on it and
 * the committee's decision — with the new results. The rest of the evaluation did not change. */
export function showSavedCell(cell: CellView): void {
  session.showCell(cell);
}

/** `list` with the entries `here` selects replaced by `saved`, where the first of them was. */
function replaceCell<T>(list: T[], here: (item: T) => boolean, saved: T[]): T[] {
  const first = list.findIndex(here);
  const rest = list.filter((item) => !here(item));
  if (first < 0) return [...rest, ...saved];
  return [...rest.slice(0, first), ...saved, ...rest.slice(first)];
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
