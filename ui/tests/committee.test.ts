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

describe('what a merge did and what it refused, as the API says it', () => {
  const importFile = async (path = '/tmp/retour-e1.json') => {
    await fireEvent.input(screen.getByTestId('return-file-path'), { target: { value: path } });
    await fireEvent.click(screen.getByTestId('return-import'));
    await settle();
  };

  it('lists the stale declarations ignored, the scores removed and restored, and the signature flags', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const base = fixtures.progressMerge();
    const [score] = view.evaluation.scores.filter((s) => s.evaluator === 'e1');
    const merge = {
      ...base,
      changed: true,
      signedBy: 'CN=Sophie Lambert,O=Ville',
      certificateSha256: 'ab'.repeat(32),
      validAtSigning: false,
      staleDeclarations: [
        {
          theirs: { evaluator: 'e1', offer: 'o2', conflict: true, at: '2026-09-20T08:00:00Z' },
          held: { evaluator: 'e1', offer: 'o2', conflict: false, at: '2026-09-21T08:00:00Z' },
        },
      ],
      removed: [score],
      restored: [],
      flags: [
        {
          code: 'certificate_not_valid_at_signing',
          params: { at: '2026-09-22T10:00:00Z', not_before: '2024-01-01', not_after: '2025-01-01' },
        },
      ],
    };
    mockShell({ committee_progress: fixtures.progressCommittee(), committee_files: [], import_return_file: merge });
    render(CommitteePage);
    await settle();
    await importFile();

    const bidder = view.evaluation.offers.find((o) => o.id === 'o2')!.bidder;
    const stale = screen.getByTestId('stale-o2');
    expect(stale).toHaveTextContent(`${bidder} : le fichier dit « conflit d’intérêts »`);
    expect(stale).toHaveTextContent('dit « pas de conflit d’intérêts »');
    expect(screen.getByTestId('return-removed')).toHaveAttribute('data-count', '1');
    expect(screen.getByTestId('return-signed')).toHaveTextContent('Certificat non valide à la date du retour');
    expect(screen.getByTestId('return-signed')).toHaveAttribute('data-valid-at-signing', 'false');
    expect(screen.getByTestId('return-certificate')).toHaveTextContent('ab'.repeat(32));
    // The flag is worded from the API's own vocabulary, every placeholder filled.
    const flag = screen.getByTestId('return-flag-certificate_not_valid_at_signing');
    expect(flag).toHaveTextContent('le certificat n’était pas valide à la date du retour');
    expect(flag.textContent).not.toMatch(/[{}]/);
    // Something changed: the summary never says nothing was.
    expect(screen.getByTestId('return-merged')).not.toHaveTextContent('aucune note ni déclaration n’a été modifiée');
  });

  it('says nothing was changed only when the API says so', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const merge = { ...fixtures.progressMerge(), written: 0, conflicts: [], declarations: 0, changed: false };
    mockShell({ committee_progress: fixtures.progressCommittee(), committee_files: [], import_return_file: merge });
    render(CommitteePage);
    await settle();
    await importFile();
    expect(screen.getByTestId('return-merged')).toHaveTextContent('aucune note ni déclaration n’a été modifiée');
    expect(screen.getByTestId('return-merged')).toHaveAttribute('data-changed', 'false');
  });

  it('names each refused score by its bidder and criterion', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const refused = [
      { offer: 'o4', criterion: 'tech.ops' },
      { offer: 'o5', criterion: 'tech.ops' },
    ];
    mockShell({
      committee_progress: fixtures.progressCommittee(),
      committee_files: [],
      import_return_file: () => {
        throw {
          code: 'invalid',
          message: 'refused',
          problems: {
            omitted: 0,
            problems: refused.map((r, i) => ({
              path: `scores[${i + 10}] (${r.offer}, ${r.criterion}, e1)`,
              code: 'not_assigned',
              params: { evaluator: 'e1', offer: r.offer, criterion: r.criterion, assigned: 'tech.archi' },
            })),
          },
        };
      },
    });
    render(CommitteePage);
    await settle();
    await importFile();
    expect(screen.getByTestId('return-refused')).toHaveAttribute('data-count', '2');
    for (const r of refused) {
      const row = screen.getByTestId(`refused-${r.offer}-${r.criterion}`);
      expect(row).toHaveTextContent(view.evaluation.offers.find((o) => o.id === r.offer)!.bidder);
      expect(row).toHaveTextContent('n’a pas été demandée');
    }
    expect(screen.queryByTestId('return-merged')).toBeNull();
  });

  it('asks the buyer to confirm a certificate other than the member’s pinned one, then merges with the confirmation', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const merge = {
      ...fixtures.progressMerge(),
      flags: [{ code: 'certificate_change_confirmed', params: { evaluator: 'e1', pinned_subject: 'CN=Ancien' } }],
    };
    const calls = mockShell({
      committee_progress: fixtures.progressCommittee(),
      committee_files: [],
      return_certificates: [
        { evaluator: 'e1', subject: 'CN=Ancien', certificateSha256: 'cd'.repeat(32), pinnedAt: '2026-09-20T08:00:00Z' },
      ],
      import_return_file: (args: { acceptNewCertificate: boolean }) => {
        if (args.acceptNewCertificate) return merge;
        throw {
          code: 'invalid',
          message: 'certificate changed',
          problems: {
            omitted: 0,
            problems: [
              {
                path: 'signature',
                code: 'certificate_changed',
                params: { evaluator: 'e1', subject: 'CN=Nouveau', found: 'ef'.repeat(32), pinned_subject: 'CN=Ancien', pinned: 'cd'.repeat(32) },
              },
            ],
          },
        };
      },
    });
    render(CommitteePage);
    await settle();
    expect(screen.getByTestId('certificate-e1')).toHaveTextContent('CN=Ancien');
    expect(screen.getByTestId('certificate-e1')).toHaveTextContent('20/09/2026');
    await importFile();
    const confirm = screen.getByTestId('certificate-confirm');
    expect(confirm).toHaveTextContent('CN=Nouveau');
    expect(confirm).toHaveTextContent('CN=Ancien');
    expect(calls.filter((c) => c.cmd === 'import_return_file')).toHaveLength(1);

    await fireEvent.click(screen.getByTestId('certificate-confirm-yes'));
    await settle();
    const imports = calls.filter((c) => c.cmd === 'import_return_file');
    expect(imports).toHaveLength(2);
    expect(imports[1].args).toMatchObject({ path: '/tmp/retour-e1.json', acceptNewCertificate: true });
    expect(screen.queryByTestId('certificate-confirm')).toBeNull();
    expect(screen.getByTestId('return-flag-certificate_change_confirmed')).toHaveTextContent('accepté sur confirmation de l’acheteur');
  });

  it('imports nothing when the buyer does not confirm the new certificate', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const calls = mockShell({
      committee_progress: fixtures.progressCommittee(),
      committee_files: [],
      import_return_file: () => {
        throw {
          code: 'invalid',
          message: 'certificate changed',
          problems: { omitted: 0, problems: [{ path: 'signature', code: 'certificate_changed', params: { evaluator: 'e1', subject: 'CN=N', found: 'ef', pinned_subject: 'CN=A', pinned: 'cd' } }] },
        };
      },
    });
    render(CommitteePage);
    await settle();
    await importFile();
    await fireEvent.click(screen.getByTestId('certificate-confirm-cancel'));
    await settle();
    expect(screen.queryByTestId('certificate-confirm')).toBeNull();
    expect(calls.filter((c) => c.cmd === 'import_return_file')).toHaveLength(1);
  });
});
