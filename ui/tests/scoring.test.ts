import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import ScoringPage from '../src/features/scoring/ScoringPage.svelte';
import { session } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

function openProgress() {
  openInSession(fixtures.progressEvaluation(), fixtures.progressResults());
}

describe('scoring grid', () => {
  it('shows the evaluator’s progress and the anchored levels of the focused criterion', async () => {
    mockShell({});
    openProgress();
    render(ScoringPage);
    await settle();
    // 7 scored leaves + 4 oui/non requirements × 5 offers = 55 cells; e1 has filled 42.
    expect(screen.getByTestId('progress-text')).toHaveTextContent('42 / 55 notes');
    expect(screen.getByTestId('levels')).toHaveTextContent('Satisfaisant — répond au besoin exprimé');
  });

  it('edits a cell with the keyboard and calls set_score with the right arguments', async () => {
    const calls = mockShell({ set_score: () => fixtures.progressSetScore() });
    openProgress();
    render(ScoringPage);
    await settle();

    // o5 / env is one of e1's missing scores.
    const cell = screen.getByTestId('cell-o5-env');
    expect(cell).toHaveAttribute('data-state', 'empty');
    cell.focus();
    await fireEvent.keyDown(cell, { key: 'Enter' });
    await settle();
    const editor = screen.getByTestId('editor') as HTMLInputElement;
    expect(document.activeElement).toBe(editor);
    await fireEvent.input(editor, { target: { value: '4' } });
    await fireEvent.keyDown(editor, { key: 'Enter' });
    await settle();

    const call = calls.find((c) => c.cmd === 'set_score');
    expect(call?.args).toEqual({
      reference: '2026-DNUM-CDC-014',
      score: { offer: 'o5', criterion: 'env', evaluator: 'e1', value: 4 },
      // who is at the keyboard: the "Je suis …" evaluator
      actor: 'Sophie Lambert',
    });
    expect(screen.getByTestId('cell-o5-env')).toHaveAttribute('data-state', 'saved');
    expect(screen.getByTestId('cell-o5-env')).toHaveTextContent('4');
    expect(screen.getByTestId('progress-text')).toHaveTextContent('43 / 55 notes');
    expect(document.activeElement).toBe(screen.getByTestId('cell-o5-env'));
  });

  it('moves focus with the arrows and Tab, and Escape cancels an edit', async () => {
    const calls = mockShell({});
    openProgress();
    render(ScoringPage);
    await settle();

    const first = screen.getByTestId('cell-o1-tech.archi');
    expect(first).toHaveAttribute('tabindex', '0');
    first.focus();
    await fireEvent.keyDown(first, { key: 'ArrowRight' });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o2-tech.archi'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o2-tech.ops'));
    expect(screen.getByTestId('cell-o2-tech.ops')).toHaveAttribute('tabindex', '0');
    expect(screen.getByTestId('cell-o1-tech.archi')).toHaveAttribute('tabindex', '-1');
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o3-tech.ops'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o2-tech.ops'));
    // Last cell of a row wraps to the next row with Tab.
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o5-tech.ops'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o1-tech.iam'));

    // Typing a digit starts an edit; Escape cancels it without saving.
    await fireEvent.keyDown(document.activeElement!, { key: '2' });
    await settle();
    const editor = screen.getByTestId('editor') as HTMLInputElement;
    expect(editor.value).toBe('2');
    await fireEvent.keyDown(editor, { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('editor')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByTestId('cell-o1-tech.iam'));
    expect(calls.filter((c) => c.cmd === 'set_score')).toHaveLength(0);
  });

  it('answers oui/non requirements and shows an error state when saving fails', async () => {
    mockShell({
      set_score: () => {
        throw { code: 'storage', message: 'database is locked' };
      },
    });
    openProgress();
    render(ScoringPage);
    await settle();
    const cell = screen.getByTestId('cell-o5-req.notify');
    cell.focus();
    await fireEvent.keyDown(cell, { key: 'o' });
    await settle();
    expect(cell).toHaveAttribute('data-state', 'error');
    // The optimistic answer is rolled back: nothing was stored.
    expect(session.evaluation!.scores.some((s) => s.offer === 'o5' && s.criterion === 'req.notify' && s.evaluator === 'e1')).toBe(false);
    expect(screen.getByTestId('cell-o5-req.notify').querySelector('.state-error')).toHaveAttribute('title', 'database is locked');
  });

  it('refuses a value off the scale without calling the shell', async () => {
    const calls = mockShell({});
    openProgress();
    render(ScoringPage);
    await settle();
    const cell = screen.getByTestId('cell-o5-env');
    cell.focus();
    await fireEvent.keyDown(cell, { key: '7' });
    await settle();
    await fireEvent.keyDown(screen.getByTestId('editor'), { key: 'Enter' });
    await settle();
    expect(calls.filter((c) => c.cmd === 'set_score')).toHaveLength(0);
    expect(screen.getByTestId('cell-o5-env')).toHaveAttribute('data-state', 'error');
    expect(screen.getByTestId('editor')).toHaveAttribute('aria-invalid', 'true');
  });
});
