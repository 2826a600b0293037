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

  it('says no offer is recorded yet rather than that prices are sealed', async () => {
    const opened = fixtures.scheduleSheet();
    const evaluation = { ...opened.view.evaluation, offers: [], scores: [] };
    const results = { ...opened.view.results, offers: [] };
    const empty = { ...opened, offers: [], view: { ...opened.view, evaluation, results } };
    mockShell({ price_sheet: empty });
    openInSession(evaluation, results);
    render(PricesPage);
    await settle();
    expect(screen.getByTestId('prices-no-offers')).toHaveTextContent('Aucune offre n’est encore enregistrée');
    expect(screen.queryByText(/sous pli/)).not.toBeInTheDocument();
  });

  it('draws only the lines in view, and can narrow them to those with a discrepancy', async () => {
    const opened = fixtures.scheduleSheet();
    mockShell({ price_sheet: opened });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    const table = screen.getByTestId('price-lines');
    expect(within(table).getByTestId('line-vcpu')).toHaveTextContent('vCPU par heure');
    expect(screen.getByTestId('line-count')).toHaveTextContent('3 lignes sur 3');
    // o2's line with its written amount is marked on its cell, not by colour alone.
    expect(within(screen.getByTestId('line-vcpu')).getByText(/écrit/)).toHaveTextContent('⚠');
    await fireEvent.click(screen.getByTestId('only-discrepancies'));
    await settle();
    expect(screen.getByTestId('line-count')).toHaveTextContent('1 ligne sur 3');
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

  it('words its counts in the singular or the plural', async () => {
    const opened = fixtures.scheduleSheet();
    mockShell({ price_sheet: opened });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    // o2's vCPU line and o3's grand total wait; nothing is corrected yet (French: 0 is singular).
    expect(screen.getByTestId('discrepancy-count')).toHaveTextContent(
      '2 écarts en attente de décision, 0 correction acceptée.',
    );
    setLang('en');
    await settle();
    expect(screen.getByTestId('discrepancy-count')).toHaveTextContent(
      '2 discrepancies awaiting a decision, 0 corrections accepted.',
    );
    expect(screen.getByTestId('line-count')).toHaveTextContent('3 lines of 3');
  });
});

describe('a bidder’s filled schedule and the blank one', () => {
  it('imports a filled workbook for the offer chosen and tells the lines read and the discrepancies found', async () => {
    const opened = fixtures.scheduleSheet();
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    const calls = mockShell({
      price_sheet: opened,
      import_schedule_workbook: async () => {
        await answered;
        return { lines: 3, discrepancies: 1, fileName: 'bpu-o2.xlsx', sha256: 'ab'.repeat(32), sheet: fixtures.scheduleSheet() };
      },
    });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    await fireEvent.change(screen.getByTestId('schedule-import-offer'), { target: { value: 'o2' } });
    await fireEvent.input(screen.getByTestId('schedule-import-path'), { target: { value: '/tmp/bpu-o2.xlsx' } });
    await fireEvent.submit(screen.getByTestId('schedule-import-submit').closest('form')!);
    await settle();
    // Busy while the shell reads the file: the button says so and cannot be pressed twice.
    expect(screen.getByTestId('schedule-import-submit')).toBeDisabled();
    expect(screen.getByTestId('schedule-import-submit')).toHaveTextContent('Import en cours…');
    release();
    await settle();
    expect(calls.find((c) => c.cmd === 'import_schedule_workbook')?.args).toMatchObject({
      reference: 'DQE-2026-01',
      offer: 'o2',
      path: '/tmp/bpu-o2.xlsx',
    });
    const done = screen.getByTestId('schedule-imported');
    expect(done).toHaveTextContent('3 lignes lues pour Nuage Deux depuis bpu-o2.xlsx.');
    expect(done).toHaveTextContent('1 écart relevé entre un montant écrit et les prix unitaires');
    expect(done).toHaveTextContent('ab'.repeat(32));
    expect(screen.getByTestId('schedule-import-submit')).toBeEnabled();
  });

  it('shows a refused workbook’s errors by sheet and cell, and says nothing was saved', async () => {
    const opened = fixtures.scheduleSheet();
    mockShell({
      price_sheet: opened,
      import_schedule_workbook: () => {
        throw {
          code: 'invalid',
          message: 'BPU-DQE!F5: "quarante" is not a number',
          problems: {
            problems: [{ path: 'BPU-DQE!F5', code: 'not_a_number', params: { text: 'quarante' } }],
            omitted: 0,
          },
        };
      },
    });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    await fireEvent.input(screen.getByTestId('schedule-import-path'), { target: { value: '/tmp/bpu.xlsx' } });
    await fireEvent.submit(screen.getByTestId('schedule-import-submit').closest('form')!);
    await settle();
    const alert = screen.getByTestId('schedule-import-error');
    expect(alert).toHaveAttribute('data-code', 'invalid');
    expect(alert).toHaveTextContent('BPU-DQE!F5 : « quarante » n’est pas un nombre');
    expect(screen.getByTestId('schedule-import-invalid')).toHaveTextContent('Rien n’a été enregistré.');
    expect(screen.queryByTestId('schedule-imported')).toBeNull();
  });

  it('writes the blank schedule in the screen’s language', async () => {
    const opened = fixtures.scheduleSheet();
    const calls = mockShell({
      price_sheet: opened,
      export_schedule_workbook: (args: { path: string }) => ({ path: args.path, bytes: 6000, sha256: 'cd'.repeat(32) }),
    });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    await fireEvent.input(screen.getByTestId('schedule-blank-path'), { target: { value: '/tmp/bpu-vierge.xlsx' } });
    await fireEvent.submit(screen.getByTestId('schedule-blank-submit').closest('form')!);
    await settle();
    expect(calls.find((c) => c.cmd === 'export_schedule_workbook')?.args).toMatchObject({
      reference: 'DQE-2026-01',
      lang: 'fr',
      path: '/tmp/bpu-vierge.xlsx',
    });
    expect(screen.getByTestId('schedule-blank-written')).toHaveTextContent('/tmp/bpu-vierge.xlsx');
  });
});

describe('a unit price typed in the lines table', () => {
  it('opens on Enter with the price as written, sends the text as typed and shows the new totals', async () => {
    const opened = fixtures.scheduleSheet();
    const typed = fixtures.scheduleUnitPrice();
    const calls = mockShell({ price_sheet: opened, set_unit_price: typed });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    expect(squeeze(screen.getByTestId('grand-o1').textContent)).toBe('41516,80€');
    // A unit price shows every decimal the bidder wrote (0,039, not 0,04).
    expect(squeeze(screen.getByTestId('unit-o2-vcpu').textContent)).toMatch(/^0,039€/);
    const button = screen.getByTestId('unit-o1-storage');
    // Its name starts with what it shows, then says what it does.
    expect(button).toHaveAccessibleName(/^0,015\s€, modifier le prix unitaire de la ligne storage pour Nuage Un$/);
    await fireEvent.click(button);
    await settle();
    const input = screen.getByTestId('unit-input-o1-storage') as HTMLInputElement;
    expect(input).toHaveFocus();
    expect(input.value).toBe('0,015');
    expect(input).toHaveAccessibleName('Prix unitaire de la ligne storage pour Nuage Un');
    await fireEvent.input(input, { target: { value: '0,011' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(calls.find((c) => c.cmd === 'set_unit_price')?.args).toMatchObject({
      reference: 'DQE-2026-01',
      offer: 'o1',
      line: 'storage',
      text: '0,011',
    });
    // The totals are those Rust computed: 1 320,00 for the line, and o1's own 1 800,00 now a
    // discrepancy waiting for the buyer.
    expect(screen.queryByTestId('unit-input-o1-storage')).toBeNull();
    expect(screen.getByTestId('unit-o1-storage')).toHaveFocus();
    expect(squeeze(screen.getByTestId('grand-o1').textContent)).toBe('41036,80€');
    expect(screen.getByTestId('waiting-o1-storage')).toBeInTheDocument();
    expect(screen.getByTestId('price-rank-o1')).toHaveTextContent('—');
  });

  it('cancels on Escape and sends nothing when the price is left as it was', async () => {
    const opened = fixtures.scheduleSheet();
    const calls = mockShell({ price_sheet: opened, set_unit_price: fixtures.scheduleUnitPrice() });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    await fireEvent.click(screen.getByTestId('unit-o1-storage'));
    await settle();
    let input = screen.getByTestId('unit-input-o1-storage');
    await fireEvent.input(input, { target: { value: '9' } });
    await fireEvent.keyDown(input, { key: 'Escape' });
    await settle();
    expect(screen.queryByTestId('unit-input-o1-storage')).toBeNull();
    expect(screen.getByTestId('unit-o1-storage')).toHaveFocus();
    await fireEvent.click(screen.getByTestId('unit-o1-storage'));
    await settle();
    input = screen.getByTestId('unit-input-o1-storage');
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(calls.some((c) => c.cmd === 'set_unit_price')).toBe(false);
  });

  it('keeps the field open and names the problem when Rust refuses the text', async () => {
    const opened = fixtures.scheduleSheet();
    mockShell({
      price_sheet: opened,
      set_unit_price: () => {
        throw {
          code: 'invalid',
          message: 'price_schedule.offers[0].prices[1].unit_price: "1.234" reads as 1234 or 1.234',
          problems: {
            problems: [
              {
                path: 'price_schedule.offers[0].prices[1].unit_price',
                code: 'ambiguous_number',
                params: { text: '1.234', thousands: '1234', decimal: '1.234' },
              },
            ],
            omitted: 0,
          },
        };
      },
    });
    openInSession(opened.view.evaluation, opened.view.results);
    render(PricesPage);
    await settle();
    await fireEvent.click(screen.getByTestId('unit-o1-storage'));
    await settle();
    const input = screen.getByTestId('unit-input-o1-storage');
    await fireEvent.input(input, { target: { value: '1.234' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(screen.getByTestId('unit-input-o1-storage')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('unit-input-o1-storage')).toHaveAccessibleDescription(/« 1\.234 » se lit/);
    expect(screen.getByTestId('unit-price-error')).toHaveAttribute('data-code', 'invalid');
  });
});
