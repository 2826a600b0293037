import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import OffersPage from '../src/features/offers/OffersPage.svelte';
import { setLang } from '../src/lib/i18n.svelte';
import { levelLabel, schemeLabel } from '../src/lib/schemes';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

describe('offers', () => {
  it('names schemes and levels as readers know them', () => {
    expect(schemeLabel('secnumcloud')).toBe('SecNumCloud');
    expect(schemeLabel('c5')).toBe('BSI C5');
    expect(schemeLabel('tisax')).toBe('tisax');
    expect(levelLabel('gaia-x', 0, 'fr')).toBe('Standard Compliance');
    expect(levelLabel('eucs', 2, 'fr')).toBe('substantiel');
    expect(levelLabel('eucs', 2, 'en')).toBe('substantial');
    expect(levelLabel('hds', 2, 'fr')).toBe('2');
  });

  it('lists each offer’s certifications with their validity on the deadline', async () => {
    setLang('fr');
    mockShell({});
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(OffersPage);
    await settle();
    const eurostrata = screen.getByTestId('offer-row-o3');
    expect(eurostrata).toHaveTextContent('Gaia-X (Label niveau 3) — Certifiée');
    expect(eurostrata).toHaveTextContent('BSI C5 (type 2) — Certifiée');
    const altiplano = screen.getByTestId('offer-row-o2');
    // An application in progress is no qualification, whatever its dates say.
    const pending = within(altiplano).getByText('SecNumCloud').closest('li')!;
    expect(pending).toHaveTextContent('En cours');
    expect(pending).toHaveTextContent('Non valide à la date limite');
  });
});
