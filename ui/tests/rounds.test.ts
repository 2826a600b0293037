import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import RoundsPage from '../src/features/rounds/RoundsPage.svelte';
import { setLang } from '../src/lib/i18n.svelte';
import { session } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

function open() {
  const view = fixtures.negotiatedView();
  openInSession(view.evaluation, view.results);
  return view;
}

async function typeDate(testid: string, text: string) {
  const input = screen.getByTestId(testid);
  await fireEvent.input(input, { target: { value: text } });
  await fireEvent.change(input);
}

describe('the rounds screen', () => {
  it('shows both rounds side by side, which round decides and what changed between them', async () => {
    setLang('fr');
    const view = open();
    const calls = mockShell({ rounds_overview: fixtures.negotiatedRounds() });
    render(RoundsPage);
    await settle();

    expect(calls.find((c) => c.cmd === 'rounds_overview')?.args).toEqual({ reference: view.evaluation.tender.reference });
    // Initial offers: o1 82, o2 79, o3 47 (then set aside); final offers: o2 83, o1 72.
    expect(screen.getByTestId('round-cell-r1-o1')).toHaveTextContent('1ᵉ — 82,00 pts');
    expect(screen.getByTestId('round-cell-r1-o2')).toHaveTextContent('2ᵉ — 79,00 pts');
    expect(screen.getByTestId('round-cell-r1-o3')).toHaveTextContent('écartée à l’issue de ce tour : Troisième au classement');
    expect(screen.getByTestId('round-cell-r2-o2')).toHaveTextContent('1ᵉ — 83,00 pts');
    expect(screen.getByTestId('round-cell-r2-o3')).toHaveTextContent('écartée avant ce tour');
    expect(screen.getByTestId('round-winner-r1')).toHaveTextContent('Nuage Alpha');
    expect(screen.getByTestId('round-winner-r2')).toHaveTextContent('Beta Cloud');
    expect(within(screen.getByTestId('round-head-r2')).getByText('décisif')).toBeInTheDocument();
    expect(within(screen.getByTestId('round-head-r1')).queryByText('décisif')).toBeNull();
    expect(screen.getByTestId('rounds-decides')).toHaveTextContent('« Offres finales »');

    const compared = screen.getByTestId('compare-r1-r2');
    expect(within(compared).getByTestId('winner-changed')).toHaveTextContent(
      'Nuage Alpha au tour « Offres initiales », Beta Cloud au tour « Offres finales »',
    );
    const o2 = within(compared).getByTestId('change-r2-o2');
    expect(o2).toHaveTextContent('Rang : 2 → 1');
    expect(o2).toHaveTextContent('Prix');
    expect(o2).toHaveTextContent('900,00 €');
    expect(o2).toHaveTextContent('700,00 €');
    expect(within(compared).getByTestId('change-r2-o3')).toHaveTextContent('Écartée à l’issue du tour « Offres initiales »');

    // The exchanges of Beta Cloud, with the answer's fingerprint and the score that cites one.
    const x1 = screen.getByTestId('exchange-x1');
    expect(x1).toHaveTextContent('négociation');
    expect(x1).toHaveTextContent('Prix, Valeur technique');
    expect(x1).toHaveTextContent('20/10/2026');
    expect(screen.getByTestId('exchange-sha-x1')).toHaveTextContent(
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    );
    expect(screen.getByTestId('exchange-x2')).toHaveTextContent('Valeur technique (Claire Martin)');
    expect(screen.getByTestId('exchanges-o1')).toHaveTextContent('Aucune demande adressée à ce candidat.');
  });

  it('says so in English', async () => {
    setLang('en');
    open();
    mockShell({ rounds_overview: fixtures.negotiatedRounds() });
    render(RoundsPage);
    await settle();
    expect(screen.getByTestId('round-cell-r1-o1')).toHaveTextContent('#1 — 82.00 pts');
    expect(screen.getByTestId('winner-changed')).toHaveTextContent('The offer ranked first changes');
    expect(screen.getByTestId('exchange-x2')).toHaveTextContent('clarification request');
  });

  it('opens a round with what the consultation documents announced, and shows what was saved', async () => {
    setLang('fr');
    const view = open();
    const calls = mockShell({ rounds_overview: fixtures.negotiatedRounds(), open_round: fixtures.negotiatedView() });
    render(RoundsPage);
    await settle();

    await fireEvent.click(screen.getByTestId('round-open'));
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('round-id'));
    expect((screen.getByTestId('round-id') as HTMLInputElement).value).toBe('r3');
    await fireEvent.input(screen.getByTestId('round-label'), { target: { value: 'Offres finales bis' } });
    await typeDate('round-deadline', '30/11/2026');
    await fireEvent.submit(screen.getByTestId('round-open-form'));
    await settle();

    const opened = calls.find((c) => c.cmd === 'open_round')!;
    expect(opened.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      opening: {
        id: 'r3',
        label: 'Offres finales bis',
        kind: 'final',
        deadline: '2026-11-30',
        invited: null,
        // Announced in the file and left ticked: said again; not reserved: nothing said.
        reductionAnnounced: true,
        initialAwardReserved: null,
      },
    });
    expect(screen.queryByTestId('round-open-form')).toBeNull();
    // The overview is asked again for the saved evaluation.
    expect(calls.filter((c) => c.cmd === 'rounds_overview').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a refusal of the shell in the form, nothing else changed', async () => {
    setLang('fr');
    open();
    const before = session.evaluation;
    mockShell({
      rounds_overview: fixtures.negotiatedRounds(),
      eliminate_at_round: () => {
        throw { code: 'invalid', message: 'aucune offre n’est écartée au tour des offres finales' };
      },
    });
    render(RoundsPage);
    await settle();
    await fireEvent.change(screen.getByTestId('aside-offer'), { target: { value: 'o1' } });
    await fireEvent.input(screen.getByTestId('aside-reason'), { target: { value: 'Motif' } });
    await fireEvent.submit(screen.getByTestId('round-aside-form'));
    await settle();
    expect(screen.getByTestId('round-aside-error')).toHaveAttribute('data-code', 'invalid');
    expect(session.evaluation).toBe(before);
  });

  it('records a request and its answer; the file goes to the shell by path, which hashes it', async () => {
    setLang('fr');
    const view = open();
    const calls = mockShell({
      rounds_overview: fixtures.negotiatedRounds(),
      record_exchange: fixtures.negotiatedView(),
      answer_exchange: fixtures.negotiatedView(),
    });
    render(RoundsPage);
    await settle();

    expect((screen.getByTestId('record-id') as HTMLInputElement).value).toBe('x3');
    await fireEvent.change(screen.getByTestId('record-offer'), { target: { value: 'o1' } });
    await fireEvent.input(screen.getByTestId('record-question'), { target: { value: 'Précisez la localisation des sauvegardes.' } });
    await fireEvent.click(screen.getByTestId('record-criterion-quality'));
    await typeDate('record-sent', '19/11/2026');
    await typeDate('record-deadline', '24/11/2026');
    await fireEvent.submit(screen.getByTestId('record-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'record_exchange')?.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      exchange: {
        id: 'x3',
        offer: 'o1',
        kind: 'clarification',
        round: 'r2',
        question: 'Précisez la localisation des sauvegardes.',
        criteria: ['quality'],
        sent: '2026-11-19',
        deadline: '2026-11-24',
      },
    });

    await fireEvent.click(screen.getByTestId('exchange-respond-x1'));
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('answer-received'));
    await fireEvent.input(screen.getByTestId('answer-text'), { target: { value: 'Prix revu à 700 €.' } });
    await fireEvent.input(screen.getByTestId('answer-file-path'), { target: { value: '/tmp/reponse-beta.pdf' } });
    await fireEvent.submit(screen.getByTestId('answer-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'answer_exchange')?.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      exchange: 'x1',
      received: '2026-10-29',
      answer: 'Prix revu à 700 €.',
      file: '/tmp/reponse-beta.pdf',
    });
    expect(screen.queryByTestId('answer-form')).toBeNull();
  });

  it('writes a request as a letter into a folder, signed with a password it then forgets', async () => {
    setLang('fr');
    const view = open();
    const calls = mockShell({
      rounds_overview: fixtures.negotiatedRounds(),
      write_request_letter: { offer: 'o2', path: '/tmp/courriers/demande-x1.pdf', verification: null },
    });
    render(RoundsPage);
    await settle();

    await fireEvent.click(screen.getByTestId('exchange-letter-x1'));
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('letter-folder-path'));
    await fireEvent.input(screen.getByTestId('letter-folder-path'), { target: { value: '/tmp/courriers' } });
    await fireEvent.input(screen.getByTestId('request-letter-p12-path'), { target: { value: '/tmp/signer.p12' } });
    const password = screen.getByTestId('request-letter-password') as HTMLInputElement;
    await fireEvent.input(password, { target: { value: 'secret' } });
    await fireEvent.submit(screen.getByTestId('letter-form'));
    await settle();
    const write = calls.find((c) => c.cmd === 'write_request_letter');
    expect(write?.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      exchange: 'x1',
      lang: 'fr',
      folder: '/tmp/courriers',
      signing: { p12Path: '/tmp/signer.p12', password: 'secret', visible: true },
    });
    expect(screen.queryByTestId('letter-form')).toBeNull();
    expect(screen.getByTestId('letter-written')).toHaveTextContent('Courrier de la demande x1 écrit : /tmp/courriers/demande-x1.pdf');
    // Unsigned answer from the mock: never shown as signed.
    expect(screen.getByTestId('letter-written')).toHaveTextContent('Non signé');
  });
});
