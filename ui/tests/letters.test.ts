import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import LettersPage from '../src/features/letters/LettersPage.svelte';
import { setLang } from '../src/lib/i18n.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

function open() {
  const view = fixtures.demoView();
  openInSession(view.evaluation, view.results);
  return view;
}

describe('the letters screen', () => {
  it('previews one letter per offer with the engine’s figures and the standstill date', async () => {
    const letters = fixtures.demoLetters();
    const view = open();
    const calls = mockShell({ prepare_letters: letters });
    render(LettersPage);
    await settle();

    expect(calls.find((c) => c.cmd === 'prepare_letters')?.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      notification: { channel: 'electronic' },
      lang: 'fr',
    });
    expect(letters).toHaveLength(view.evaluation.offers.length);
    for (const p of letters) expect(screen.getByTestId(`letter-${p.letter.offer}`)).toBeInTheDocument();

    const winner = letters.find((p) => p.letter.decision.kind === 'awarded')!;
    expect(winner.letter.offer).toBe(view.results.winner);
    // The fixture's notices go out electronically on 21 September 2026: signing from 2 October.
    expect(winner.letter.signature_from).toBe('2026-10-02');
    expect(screen.getByTestId(`letter-${winner.letter.offer}-standstill`)).toHaveTextContent('02/10/2026');

    const ranked = letters.find((p) => p.letter.decision.kind === 'ranked')!;
    const total = screen.getByTestId(`letter-${ranked.letter.offer}-total`);
    const result = view.results.offers.find((o) => o.id === ranked.letter.offer)!;
    const points = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);
    expect(total).toHaveTextContent(points(result.total!));
    expect(total).toHaveTextContent(winner.letter.bidder);
    // The draft is offered for editing, as drafted by the core.
    const advantages = screen.getByTestId(`letter-${ranked.letter.offer}-advantages`) as HTMLTextAreaElement;
    expect(advantages.value).toBe(ranked.draftedAdvantages);
    expect(ranked.draftedAdvantages.length).toBeGreaterThan(0);

    const eliminated = letters.find((p) => p.letter.decision.kind === 'eliminated')!;
    expect(screen.getByTestId(`letter-${eliminated.letter.offer}-reasons`)).toHaveTextContent('SecNumCloud');
    expect(screen.queryByTestId(`letter-${eliminated.letter.offer}-advantages`)).toBeNull();
  });

  it('writes the batch with only the edited advantages, signs with one password, then forgets it', async () => {
    const letters = fixtures.demoLetters();
    open();
    const ranked = letters.find((p) => p.letter.decision.kind === 'ranked')!;
    const calls = mockShell({
      prepare_letters: letters,
      write_letters: letters.map((p) => ({ offer: p.letter.offer, path: `/tmp/${p.fileName}`, verification: null })),
    });
    render(LettersPage);
    await settle();

    const edited = 'Offre retenue : réversibilité démontrée.';
    await fireEvent.input(screen.getByTestId(`letter-${ranked.letter.offer}-advantages`), { target: { value: edited } });
    await fireEvent.input(screen.getByTestId('letters-folder-path'), { target: { value: '/tmp/courriers' } });
    await fireEvent.input(screen.getByTestId('letters-p12-path'), { target: { value: '/tmp/signer.p12' } });
    const password = screen.getByTestId('letters-password') as HTMLInputElement;
    await fireEvent.input(password, { target: { value: 'secret' } });
    await fireEvent.click(screen.getByTestId('letters-write'));
    await settle();

    const write = calls.find((c) => c.cmd === 'write_letters')!;
    expect(write.args.folder).toBe('/tmp/courriers');
    expect(write.args.request).toMatchObject({ lang: 'fr', advantages: { [ranked.letter.offer]: edited } });
    expect(Object.keys((write.args.request as { advantages: object }).advantages)).toEqual([ranked.letter.offer]);
    expect(write.args.signing).toMatchObject({ p12Path: '/tmp/signer.p12', password: 'secret', visible: true });
    expect(password.value).toBe('');
    expect(screen.getByTestId('letters-written')).toHaveAttribute('data-count', String(letters.length));
  });

  it('says what is missing when the ranking is not settled, instead of an error', async () => {
    open();
    mockShell({
      prepare_letters: () => {
        throw { code: 'not_ready', message: 'offer o5 is still to be scored' };
      },
    });
    render(LettersPage);
    await settle();
    expect(screen.getByTestId('letters-not-ready')).toHaveTextContent('classement arrêté');
    expect(screen.queryByTestId('letters-write')).toBeNull();
  });

  it('asks for a new preview when the notification changes', async () => {
    open();
    mockShell({ prepare_letters: fixtures.demoLetters() });
    render(LettersPage);
    await settle();
    await fireEvent.click(screen.getByTestId('letters-channel-other'));
    await settle();
    expect(screen.getByTestId('letters-stale')).toBeInTheDocument();
    expect(screen.getByTestId('letters-write')).toBeDisabled();
  });
});
