import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import CommitteePage from '../src/features/committee/CommitteePage.svelte';
import { setLang } from '../src/lib/i18n.svelte';
import { session } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

describe('the committee screen', () => {
  it('shows who has scored what, per group, and the cells nobody scored yet', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const progress = fixtures.progressCommittee();
    mockShell({ committee_progress: progress });
    render(CommitteePage);
    await settle();

    for (const p of progress) {
      const row = screen.getByTestId(`progress-${p.evaluator}`);
      expect(row).toHaveTextContent(p.name);
      expect(row).toHaveTextContent(`${p.given} / ${p.cells}`);
      expect(row).toHaveAttribute('data-given', String(p.given));
    }
    const sophie = progress.find((p) => p.evaluator === 'e1')!;
    const others = progress.find((p) => p.evaluator === 'e2')!;
    // Three of e1's scores were taken out of the progress evaluation.
    expect(others.given - sophie.given).toBeGreaterThanOrEqual(3);
    const missing = screen.getByTestId('committee-missing');
    expect(missing).toHaveAttribute('data-missing', String(view.results.missing.length));
  });

  it('lists a conflicting cell after an import and saves the file’s score only when asked', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const merge = fixtures.progressMerge();
    expect(merge.conflicts).toHaveLength(1);
    const [conflict] = merge.conflicts;
    const calls = mockShell({
      committee_progress: fixtures.progressCommittee(),
      import_return_file: merge,
      set_score: (args: { score: unknown }) => ({
        offer: conflict.theirs.offer,
        criterion: conflict.theirs.criterion,
        scores: [args.score],
        consensus: null,
        results: merge.view.results,
      }),
    });
    render(CommitteePage);
    await settle();
    await fireEvent.input(screen.getByTestId('return-file-path'), { target: { value: '/tmp/retour-e1.json' } });
    await fireEvent.click(screen.getByTestId('return-import'));
    await settle();

    expect(calls.find((c) => c.cmd === 'import_return_file')?.args).toMatchObject({
      path: '/tmp/retour-e1.json',
      takeTheirs: false,
    });
    expect(screen.getByTestId('return-merged')).toHaveTextContent(`${merge.written} note(s) enregistrée(s)`);
    const cell = `${conflict.ours.offer}-${conflict.ours.criterion}`;
    const row = screen.getByTestId(`conflict-${cell}`);
    expect(row).toHaveTextContent('4');
    expect(row).toHaveTextContent('2');
    // Nothing is written for the conflict until the buyer decides.
    expect(calls.some((c) => c.cmd === 'set_score')).toBe(false);

    await fireEvent.click(screen.getByTestId(`take-${cell}`));
    await settle();
    const saved = calls.find((c) => c.cmd === 'set_score')!;
    expect(saved.args.score).toEqual(conflict.theirs);
    expect(screen.queryByTestId(`conflict-${cell}`)).toBeNull();
    const held = session.evaluation!.scores.find(
      (s) => s.offer === conflict.theirs.offer && s.criterion === conflict.theirs.criterion && s.evaluator === 'e1',
    );
    expect(held).toEqual(conflict.theirs);
  });

  it('keeps the saved score when the buyer says so, writing nothing', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const merge = fixtures.progressMerge();
    const calls = mockShell({ committee_progress: fixtures.progressCommittee(), import_return_file: merge });
    render(CommitteePage);
    await settle();
    await fireEvent.input(screen.getByTestId('return-file-path'), { target: { value: '/tmp/retour-e1.json' } });
    await fireEvent.click(screen.getByTestId('return-import'));
    await settle();
    const [conflict] = merge.conflicts;
    await fireEvent.click(screen.getByTestId(`keep-${conflict.ours.offer}-${conflict.ours.criterion}`));
    await settle();
    expect(screen.queryByTestId('conflicts')).toBeNull();
    expect(calls.some((c) => c.cmd === 'set_score')).toBe(false);
  });
});
