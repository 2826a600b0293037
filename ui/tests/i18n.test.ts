import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import App from '../src/app/App.svelte';
import { formatDate, formatMoney, parseDate, parseNumber } from '../src/lib/format';
import { setLang, tn } from '../src/lib/i18n.svelte';
import { fixtures } from './fixtures';
import { mockShell, settle } from './helpers';

const NNBSP = '\u202f';

describe('language switch', () => {
  it('counts in the plural form each language asks for', () => {
    setLang('fr');
    expect(tn('criteria.catalog.results', 0)).toBe('0 résultat');
    expect(tn('criteria.catalog.results', 1)).toBe('1 résultat');
    expect(tn('results.incomplete', 3)).toBe(
      'Notation incomplète : 3 notes manquantes ou indécises. Le classement est provisoire.',
    );
    setLang('en');
    expect(tn('criteria.catalog.results', 0)).toBe('0 results');
    expect(tn('criteria.catalog.results', 1)).toBe('1 result');
    expect(tn('journal.intact.detail', 1)).toBe('1 entry; each entry is chained to the previous one by its SHA-256 hash.');
    setLang('fr');
  });

  it('formats money and dates the French or English way', () => {
    expect(formatMoney(1234567.89, 'fr')).toBe(`1${NNBSP}234${NNBSP}567,89${'\u00a0'}€`);
    expect(formatMoney(1234567.89, 'en')).toBe('€1,234,567.89');
    expect(formatDate('2026-10-15', 'fr')).toBe('15/10/2026');
    expect(parseNumber('1 234,5')).toBe(1234.5);
    expect(parseNumber('4.5')).toBe(4.5);
    expect(parseNumber('abc')).toBeNull();
    expect(parseDate('15/10/2026')).toBe('2026-10-15');
    expect(parseDate('2026-10-15')).toBe('2026-10-15');
    expect(parseDate('31/02/2026')).toBeNull();
  });

  it('switches labels and number formats across the app', async () => {
    location.hash = '#/e/2026-DNUM-CDC-014/offers';
    mockShell({
      open_evaluation: fixtures.demoView(),
      app_info: { version: '0.1.0', dbPath: '/tmp/jauge.db', osUser: 'slambert' },
      report_first_paint: null,
    });
    render(App);
    await settle();

    expect(screen.getByTestId('section-title')).toHaveTextContent('Offres');
    expect(screen.getByTestId('offer-price-o1').textContent).toBe(`2${NNBSP}380${NNBSP}000,00${'\u00a0'}€`);
    expect(screen.getByTestId('nav-setup')).toHaveTextContent('Paramétrage');
    expect(document.documentElement.lang).toBe('fr');

    await fireEvent.click(screen.getByTestId('lang-switch'));
    await settle();

    expect(screen.getByTestId('section-title')).toHaveTextContent('Offers');
    expect(screen.getByTestId('offer-price-o1').textContent).toBe('€2,380,000.00');
    expect(screen.getByTestId('nav-setup')).toHaveTextContent('Set-up');
    expect(within(screen.getByTestId('offers-table')).getByRole('columnheader', { name: 'Bidder' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('jauge.lang')).toBe('en');
    location.hash = '';
  });
});
