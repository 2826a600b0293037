import { describe, expect, it } from 'vitest';
import { render, screen, within, fireEvent } from '@testing-library/svelte';
import ConsultationPage from '../src/features/consultation/ConsultationPage.svelte';
import EvaluationsPage from '../src/features/evaluations/EvaluationsPage.svelte';
import { mockShell, settle } from './helpers';
import type { ConsultationView } from '../src/ipc/bindings.gen';

// What the shell answers for a two-lot framework consultation capped at one lot per bidder:
// Alpha is first on both lots and keeps lot 1; on lot 2 the second offer takes its place.
const view: ConsultationView = {
  reference: 'CDC-2027',
  title: 'Services cloud de confiance',
  buyer: 'Ministère (fictif)',
  settled: false,
  max_lots_per_bidder: 1,
  over_cap_rule: 'lot_order',
  bidders: [
    { id: 'alpha', company: 'Nuage Alpha', siret: '12345678900015', lots: ['iaas', 'paas'] },
    { id: 'beta', company: 'Beta Cloud', siret: null, lots: ['iaas'] },
    { id: 'gamma', company: 'Gamma Hosting', siret: null, lots: ['paas'] },
  ],
  lots: [
    {
      id: 'iaas',
      number: 1,
      title: 'Infrastructure (IaaS)',
      key: 'CDC-2027#iaas',
      framework: true,
      status: 'awarded',
      sans_suite: null,
      offers_in_round: 2,
      offers_scored: 2,
      bids: [
        { offer: 'a1', bidder: 'Nuage Alpha', rank: 1, total: 82.5, outcome: 'holder', holder_rank: 1 },
        { offer: 'b1', bidder: 'Beta Cloud', rank: 2, total: 71, outcome: 'not_retained', holder_rank: null },
      ],
    },
    {
      id: 'paas',
      number: 2,
      title: 'Plateforme (PaaS)',
      key: 'CDC-2027#paas',
      framework: false,
      status: 'pending',
      sans_suite: null,
      offers_in_round: 1,
      offers_scored: 0,
      bids: [
        { offer: 'a2', bidder: 'Nuage Alpha', rank: 1, total: 90, outcome: 'skipped_for_cap', holder_rank: null },
        { offer: 'g2', bidder: 'Gamma Hosting', rank: null, total: null, outcome: 'set_aside', holder_rank: null },
      ],
    },
  ],
  trace: [
    { code: 'cap_lot_order', fr: 'Plafond d’un lot par soumissionnaire.', en: 'Cap of one lot per bidder.' },
  ],
};

describe('the home of a consultation of several lots', () => {
  it('shows each lot’s ranking and outcomes in the domain’s words, and says the award is provisional', async () => {
    const calls = mockShell({ open_consultation: view });
    render(ConsultationPage, { props: { reference: 'CDC-2027' } });
    await settle();
    expect(calls.find((c) => c.cmd === 'open_consultation')?.args).toEqual({ reference: 'CDC-2027' });
    expect(screen.getByTestId('consultation-title')).toHaveTextContent('Consultation CDC-2027');
    // Not settled: a warning, never a green "done".
    expect(screen.getByTestId('consultation-state')).toHaveAttribute('data-settled', 'false');
    expect(screen.getByTestId('consultation-state')).toHaveClass('fr-alert--warning');
    expect(screen.getByTestId('consultation-cap')).toHaveTextContent('1');
    expect(screen.getByTestId('lot-iaas-status')).toHaveTextContent('attribué');
    expect(screen.getByTestId('lot-iaas-progress')).toHaveTextContent('2 offres notées sur 2');
    expect(screen.getByTestId('lot-paas-progress')).toHaveTextContent('0 offre notée sur 1');
    const holder = screen.getByTestId('bid-iaas-a1');
    expect(holder).toHaveTextContent('titulaire de l’accord-cadre');
    expect(holder).toHaveTextContent('titulaire n° 1');
    expect(screen.getByTestId('bid-paas-a2')).toHaveTextContent('écartée par le plafond de lots');
    const setAside = screen.getByTestId('bid-paas-g2');
    expect(setAside).toHaveTextContent('écartée à un tour précédent');
    expect(within(setAside).getAllByRole('cell')[0]).toHaveTextContent('—');
    expect(screen.getByTestId('lot-paas-open')).toHaveAttribute('href', '#/e/CDC-2027%23paas/scoring');
    expect(within(screen.getByTestId('award-steps')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Plafond d’un lot par soumissionnaire.',
    ]);
  });

  it('says so, in the information style, once every lot is settled', async () => {
    mockShell({ open_consultation: { ...view, settled: true } });
    render(ConsultationPage, { props: { reference: 'CDC-2027' } });
    await settle();
    expect(screen.getByTestId('consultation-state')).toHaveAttribute('data-settled', 'true');
  });

  it('writes the consultation’s report, then signs it when asked, clearing the password', async () => {
    const calls = mockShell({
      open_consultation: view,
      export_consultation_report: { path: '/tmp/rapport.pdf', bytes: 1234, sha256: 'ab'.repeat(32) },
      sign_report: { signatures: [] },
    });
    render(ConsultationPage, { props: { reference: 'CDC-2027' } });
    await settle();
    await fireEvent.input(screen.getByTestId('consultation-report-path'), { target: { value: '/tmp/rapport.pdf' } });
    await fireEvent.click(screen.getByTestId('consultation-report-sign'));
    await settle();
    await fireEvent.input(screen.getByTestId('consultation-report-p12-path'), { target: { value: '/tmp/moi.p12' } });
    await fireEvent.input(screen.getByTestId('consultation-report-password'), { target: { value: 'secret' } });
    await fireEvent.submit(screen.getByTestId('consultation-report-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'export_consultation_report')?.args).toEqual({ reference: 'CDC-2027', lang: 'fr', path: '/tmp/rapport.pdf' });
    const sign = calls.find((c) => c.cmd === 'sign_report')?.args as Record<string, unknown>;
    expect(sign.input).toBe('/tmp/rapport.pdf');
    expect(sign.output).toBe('/tmp/rapport-signe.pdf');
    expect(sign.password).toBe('secret');
    expect(screen.getByTestId('consultation-report-written')).toHaveTextContent('/tmp/rapport-signe.pdf');
    expect(screen.getByTestId('consultation-report-password')).toHaveValue('');
  });

  it('writes one letter per bidder with the notification chosen, and says how many', async () => {
    const calls = mockShell({
      open_consultation: view,
      write_consultation_letters: [
        { offer: 'alpha', path: '/tmp/c/courrier-alpha.pdf', verification: null },
        { offer: 'beta', path: '/tmp/c/courrier-beta.pdf', verification: null },
      ],
    });
    render(ConsultationPage, { props: { reference: 'CDC-2027' } });
    await settle();
    await fireEvent.input(screen.getByTestId('consultation-letters-folder-path'), { target: { value: '/tmp/c' } });
    await fireEvent.submit(screen.getByTestId('consultation-letters-form'));
    await settle();
    const args = calls.find((c) => c.cmd === 'write_consultation_letters')?.args as Record<string, unknown>;
    expect(args.reference).toBe('CDC-2027');
    expect(args.folder).toBe('/tmp/c');
    expect(args.signing).toBeNull();
    expect((args.request as { notification: { channel: string } }).notification.channel).toBe('electronic');
    expect(screen.getByTestId('consultation-letters-written')).toHaveAttribute('data-count', '2');
  });

  it('opens the consultation’s home after a consultation file is imported', async () => {
    const calls = mockShell({
      list_evaluations: [],
      list_templates: [],
      import_evaluation_file: { reference: 'CDC-2027', consultation: true },
      open_consultation: view,
    });
    render(EvaluationsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/tmp/lots.json' } });
    await fireEvent.submit(screen.getByTestId('import-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'import_evaluation_file')?.args).toEqual({ path: '/tmp/lots.json', replace: false, actor: 'jauge' });
    expect(location.hash).toBe('#/c/CDC-2027');
    location.hash = '';
  });

  it('corrects a bidder once, sets the rules, declares a lot sans suite and adds an offer, each answered by the core', async () => {
    const renamed: ConsultationView = {
      ...view,
      bidders: view.bidders.map((b) => (b.id === 'beta' ? { ...b, company: 'Beta Cloud SAS' } : b)),
      lots: view.lots.map((l) => ({ ...l, bids: l.bids.map((b) => (b.offer === 'b1' ? { ...b, bidder: 'Beta Cloud SAS' } : b)) })),
    };
    const calls = mockShell({
      open_consultation: view,
      save_bidder: renamed,
      set_award_rules: { ...renamed, max_lots_per_bidder: 2, over_cap_rule: 'lot_value' },
      set_lot_sans_suite: renamed,
      add_bid: renamed,
    });
    render(ConsultationPage, { props: { reference: 'CDC-2027' } });
    await settle();
    const beta = screen.getByTestId('bidder-beta');
    expect(beta).toHaveTextContent('Beta Cloud');
    expect(beta).toHaveTextContent('1'); // lot 1, by its number
    await fireEvent.click(screen.getByTestId('bidder-beta-edit'));
    await settle();
    await fireEvent.input(screen.getByTestId('bidder-beta-company'), { target: { value: 'Beta Cloud SAS' } });
    await fireEvent.submit(screen.getByTestId('bidder-beta-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'save_bidder')?.args).toEqual({ reference: 'CDC-2027', bidder: 'beta', company: 'Beta Cloud SAS', siret: null });
    // The screen shows what the core answered: the company in the bidders and in the lot.
    expect(screen.getByTestId('bidder-beta')).toHaveTextContent('Beta Cloud SAS');
    expect(screen.getByTestId('bid-iaas-b1')).toHaveTextContent('Beta Cloud SAS');

    // The rule's names are the domain's.
    const rule = screen.getByTestId('consultation-rules-rule') as HTMLSelectElement;
    expect([...rule.options].map((o) => o.textContent)).toContain('les lots de plus grande valeur estimée d’abord');
    await fireEvent.input(screen.getByTestId('consultation-rules-cap'), { target: { value: '2' } });
    await fireEvent.change(rule, { target: { value: 'lot_value' } });
    await fireEvent.submit(screen.getByTestId('consultation-rules-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'set_award_rules')?.args).toEqual({ reference: 'CDC-2027', maxLotsPerBidder: 2, overCapRule: 'lot_value' });
    expect(screen.getByTestId('consultation-cap')).toHaveTextContent('2');

    await fireEvent.change(screen.getByTestId('consultation-sans-suite-lot'), { target: { value: 'paas' } });
    await fireEvent.input(screen.getByTestId('consultation-sans-suite-reason'), { target: { value: 'Besoin redéfini' } });
    await fireEvent.submit(screen.getByTestId('consultation-sans-suite-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'set_lot_sans_suite')?.args).toEqual({ reference: 'CDC-2027', lot: 'paas', reason: 'Besoin redéfini' });

    // Only bidders without an offer on the lot are offered: on lot 1, Gamma.
    const bidder = screen.getByTestId('consultation-bid-bidder') as HTMLSelectElement;
    expect([...bidder.options].map((o) => o.value)).toEqual(['gamma']);
    await fireEvent.submit(screen.getByTestId('consultation-bid-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'add_bid')?.args).toEqual({ reference: 'CDC-2027', lot: 'iaas', bidder: 'gamma' });
  });

  it('shows a refusal of the core by its problems, and keeps the bidder’s row open', async () => {
    mockShell({
      open_consultation: view,
      save_bidder: () => {
        throw {
          code: 'invalid',
          message: 'error: bidders[1].siret: invalid SIRET',
          problems: { problems: [{ path: 'bidders[1].siret', code: 'invalid_siret', params: { siret: '123' } }], omitted: 0 },
        };
      },
    });
    render(ConsultationPage, { props: { reference: 'CDC-2027' } });
    await settle();
    await fireEvent.click(screen.getByTestId('bidder-beta-edit'));
    await settle();
    await fireEvent.input(screen.getByTestId('bidder-beta-siret'), { target: { value: '123' } });
    await fireEvent.submit(screen.getByTestId('bidder-beta-form'));
    await settle();
    expect(screen.getByTestId('consultation-setup-error')).toHaveAttribute('data-code', 'invalid');
    expect(screen.getByTestId('consultation-setup-error')).toHaveTextContent('bidders[1].siret');
    expect(screen.getByTestId('bidder-beta-form')).toBeInTheDocument();
  });
});
