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
    mockShell({ committee_progress: progress, committee_files: [] });
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
      committee_files: [],
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
    const calls = mockShell({ committee_progress: fixtures.progressCommittee(), committee_files: [], import_return_file: merge });
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

describe('declarations of interests, sealed prices and the files of the committee', () => {
  it('records an evaluator’s declaration for every offer, saying first which scores a conflict withdraws', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const declared = fixtures.declaredView();
    const calls = mockShell({
      committee_progress: fixtures.progressCommittee(),
      committee_files: [],
      declare_interests: declared,
    });
    render(CommitteePage);
    await settle();
    await fireEvent.change(screen.getByTestId('declare-evaluator'), { target: { value: 'e1' } });
    await settle();
    for (const o of view.evaluation.offers) expect(screen.getByTestId(`declaration-${o.id}`)).toHaveAttribute('data-state', 'missing');
    await fireEvent.click(screen.getByTestId('conflict-with-o2'));
    await settle();
    const held = view.evaluation.scores.filter((s) => s.evaluator === 'e1' && s.offer === 'o2').length;
    expect(held).toBeGreaterThan(0);
    expect(screen.getByTestId('declare-withdraws')).toHaveAttribute('data-withdrawn', String(held));
    await fireEvent.input(screen.getByTestId('declare-note'), { target: { value: 'Ancien salarié du soumissionnaire' } });
    await fireEvent.click(screen.getByTestId('declare-submit'));
    await settle();

    const sent = calls.find((c) => c.cmd === 'declare_interests')!.args.declarations as Array<Record<string, unknown>>;
    expect(sent.map((d) => d.offer)).toEqual(view.evaluation.offers.map((o) => o.id));
    expect(sent.every((d) => d.evaluator === 'e1' && typeof d.at === 'string')).toBe(true);
    expect(sent.filter((d) => d.conflict).map((d) => d.offer)).toEqual(['o2']);
    expect(sent.find((d) => d.offer === 'o2')!.note).toBe('Ancien salarié du soumissionnaire');
    expect(sent.find((d) => d.offer === 'o1')!.note).toBeUndefined();
    // The screen shows what Rust saved: e1's scores on o2 are gone, the conflict is on record.
    expect(session.evaluation!.scores.some((s) => s.evaluator === 'e1' && s.offer === 'o2')).toBe(false);
    expect(screen.getByTestId('declaration-o2')).toHaveAttribute('data-state', 'conflict');
  });

  it('keeps prices sealed until the buyer confirms the opening, then shows its date', async () => {
    const sealed = fixtures.sealedView();
    expect(sealed.results.winner).toBeNull();
    expect(sealed.results.warnings.map((w) => w.code)).toContain('prices_sealed');
    openInSession(sealed.evaluation, sealed.results);
    const opened = fixtures.sealedOpenedView();
    const calls = mockShell({ committee_progress: fixtures.progressCommittee(), committee_files: [], open_prices: opened });
    render(CommitteePage);
    await settle();
    expect(screen.getByTestId('prices-sealed')).toBeInTheDocument();
    // Declarations are required there and nobody declared: the engine's warnings, as reminders.
    const undeclared = sealed.results.warnings.filter((w) => w.code === 'undeclared_interest');
    expect(undeclared.length).toBeGreaterThan(0);
    expect(screen.getByTestId('committee-undeclared')).toHaveAttribute('data-count', String(undeclared.length));
    expect(screen.getByTestId('committee-undeclared')).toHaveTextContent('sans avoir déclaré');
    await fireEvent.click(screen.getByTestId('prices-open'));
    await settle();
    expect(calls.some((c) => c.cmd === 'open_prices')).toBe(false);
    await fireEvent.click(screen.getByTestId('prices-open-confirm'));
    await settle();
    expect(calls.some((c) => c.cmd === 'open_prices')).toBe(true);
    expect(screen.getByTestId('prices-opened')).toHaveTextContent('22/09/2026');
    expect(session.results!.warnings.map((w) => w.code)).not.toContain('prices_sealed');
  });

  it('lists every package sent and every file received with its SHA-256', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const files = fixtures.committeeFiles();
    mockShell({ committee_progress: fixtures.progressCommittee(), committee_files: files });
    render(CommitteePage);
    await settle();
    expect(files.map((f) => f.direction)).toEqual(['sent', 'received']);
    files.forEach((f, i) => {
      const row = screen.getByTestId(`committee-file-${i}`);
      expect(row).toHaveTextContent(f.name);
      expect(row).toHaveTextContent(f.sha256);
      expect(row).toHaveTextContent(f.direction === 'sent' ? 'Envoyé' : 'Reçu');
    });
    expect(screen.getByTestId('committee-file-1')).toHaveTextContent(`${files[1].declarations} déclaration(s)`);
  });
});
