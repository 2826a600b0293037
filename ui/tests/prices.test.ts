import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import PricesPage from '../src/features/prices/PricesPage.svelte';
import EvaluationPage from '../src/app/EvaluationPage.svelte';
import { setLang } from '../src/lib/i18n.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

const squeeze = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f\s]/g, '');

describe('the price screen', () => {
  it('shows each discrepancy waiting, and accepting one with a note sends it and shows the new ranking', async () => {
    const opened = fixtures.scheduleSheet();
    const accepted = fixtures.scheduleAccepted();
    const calls = mockShell({ price_sheet: opened, accept_correction: accepted });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();

    // o2 wrote 1 366,56 for 350 400 × 0,039: waiting, so it has no amount compared nor rank.
    expect(screen.getByTestId('waiting-o2-vcpu')).toHaveTextContent('En attente de décision');
    expect(screen.getByTestId('compared-o2')).toHaveTextContent('inconnu');
    expect(screen.getByTestId('price-rank-o2')).toHaveTextContent('—');
    expect(squeeze(screen.getByTestId('grand-o2').textContent)).toBe('46065,60€');

    await fireEvent.click(screen.getByTestId('accept-o2-vcpu'));
    // The note is required: nothing is sent without it.
    await fireEvent.click(screen.getByTestId('correction-confirm'));
    await settle();
    expect(calls.some((c) => c.cmd === 'accept_correction')).toBe(false);
    expect(screen.getByText('Indiquez le motif de la correction.')).toBeInTheDocument();

    await fireEvent.input(screen.getByTestId('correction-note'), {
      target: { value: 'Erreur de multiplication ; le prix unitaire prévaut (RC art. 7.2).' },
    });
    await fireEvent.click(screen.getByTestId('correction-confirm'));
    await settle();
    const sent = calls.find((c) => c.cmd === 'accept_correction');
    expect(sent?.args).toMatchObject({
      reference: 'DQE-2026-01',
      offer: 'o2',
      line: 'vcpu',
      route: 'tender_rules',
      note: 'Erreur de multiplication ; le prix unitaire prévaut (RC art. 7.2).',
    });
    expect(screen.getByTestId('decision-o2-vcpu')).toHaveTextContent('selon le règlement de la consultation');
    expect(squeeze(screen.getByTestId('compared-o2').textContent)).toBe('46065,60€');
    const rank = accepted.view.results.offers.find((o) => o.id === 'o2')?.rank;
    expect(rank).toBeTypeOf('number');
    expect(screen.getByTestId('price-rank-o2')).toHaveTextContent(String(rank));
  });

  it('draws only the lines in view, and can narrow them to those with a discrepancy', async () => {
    const opened = fixtures.scheduleSheet();
    mockShell({ price_sheet: opened });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    const table = screen.getByTestId('price-lines');
    expect(within(table).getByTestId('line-vcpu')).toHaveTextContent('vCPU par heure');
    expect(screen.getByTestId('line-count')).toHaveTextContent('3 ligne(s) sur 3');
    // o2's line with its written amount is marked on its cell, not by colour alone.
    expect(within(screen.getByTestId('line-vcpu')).getByText(/écrit/)).toHaveTextContent('⚠');
    await fireEvent.click(screen.getByTestId('only-discrepancies'));
    await settle();
    expect(screen.getByTestId('line-count')).toHaveTextContent('1 ligne(s) sur 3');
    expect(within(table).queryByTestId('line-storage')).toBeNull();
  });

  it('is in the side menu only when the tender has a price schedule', async () => {
    const opened = fixtures.scheduleSheet();
    mockShell({ price_sheet: opened });
    openInSession(opened.view.evaluation, opened.view.results);
    const { unmount } = render(EvaluationPage, { section: 'prices', reference: 'DQE-2026-01' });
    await settle();
    expect(screen.getByTestId('nav-prices')).toHaveTextContent('Prix (BPU/DQE)');
    unmount();
    const demo = fixtures.demoView();
    openInSession(demo.evaluation, demo.results);
    render(EvaluationPage, { section: 'offers', reference: demo.evaluation.tender.reference });
    await settle();
    expect(screen.queryByTestId('nav-prices')).toBeNull();
  });
});
