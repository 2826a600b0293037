import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ResultsPage from '../src/features/results/ResultsPage.svelte';
import { eliminationText, fill, problemText } from '../src/lib/words';
import { setLang } from '../src/lib/i18n.svelte';
import { resultsStatus } from '../src/features/results/status';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

describe('the results banner', () => {
  it('says that no offer can be ranked when every offer is eliminated, never « complete »', async () => {
    const view = fixtures.hdsBeginnerView();
    // The engine calls this complete (no offer is incomplete) while 26 of 30 scores are missing.
    expect(view.results.complete).toBe(true);
    expect(view.results.offers.every((o) => o.status === 'eliminated')).toBe(true);
    expect(resultsStatus(view.results)).toEqual({ tone: 'error', kind: 'all_eliminated', eliminated: 3 });

    mockShell({});
    openInSession(view.evaluation, view.results);
    render(ResultsPage);
    await settle();
    const banner = screen.getByTestId('results-status');
    expect(banner).toHaveTextContent('Aucune offre ne peut être classée : les 3 offres reçues sont toutes éliminées');
    expect(banner).not.toHaveTextContent('Notation complète');
    expect(banner).toHaveClass('fr-alert--error');
    expect(screen.getByTestId('eliminated-o1')).toHaveTextContent('HDS');
  });

  it('names the intended award only when one offer is first, and leaves eliminated offers out of the count', () => {
    const results = fixtures.demoResults();
    expect(resultsStatus(results)).toEqual({ tone: 'success', kind: 'complete', winner: 'o3' });
    expect(resultsStatus({ ...results, winner: null })).toEqual({ tone: 'info', kind: 'tie' });

    const progress = fixtures.progressResults();
    const eliminated = new Set(progress.offers.filter((o) => o.status === 'eliminated').map((o) => o.id));
    const open = [...progress.missing, ...progress.undecided].filter((c) => !eliminated.has(c.offer)).length;
    expect(resultsStatus(progress)).toEqual({ tone: 'warning', kind: 'incomplete', pending: open });
  });
});

describe('eliminated offers', () => {
  it('gives the reason in the language of the interface', () => {
    const results = fixtures.demoResults();
    const altiplano = results.offers.find((o) => o.id === 'o2')!;
    const [reason] = altiplano.eliminated_because;
    // The French sentence is the engine's own `detail`, filled from the same template.
    expect(eliminationText(reason, 'fr')).toBe(reason.detail);
    expect(reason.detail).toContain('« SecNumCloud »');
    expect(eliminationText(reason, 'en')).toBe(
      'Requirement “Offre qualifiée SecNumCloud, qualification en cours de validité à la date limite de remise des offres” not met: no “SecNumCloud” certification valid on the deadline (19/10/2026)',
    );
  });

  it('fills templates in each language’s typography', () => {
    const params = { sum: '34.5', group: 'tech', weight: '1050000' };
    expect(problemText({ code: 'group_weights_sum', params }, 'en')).toBe(
      'weights sum to 34.5 but group "tech" weighs 1050000',
    );
    expect(problemText({ code: 'group_weights_sum', params }, 'fr')).toBe(
      'les pondérations totalisent 34,5 mais le groupe « tech » pèse 1\u202f050\u202f000',
    );
    expect(fill('{a} {missing} {d:date}', { a: 'x', d: '2026-10-19' }, 'fr')).toBe('x {missing} 19/10/2026');
    expect(problemText({ code: 'expected_type', params: { expected: 'object', found: 'array' } }, 'fr')).toBe(
      'un objet attendu, trouvé un tableau',
    );
  });

  it('lists them in English without the engine’s French', async () => {
    setLang('en');
    mockShell({});
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(ResultsPage);
    await settle();
    const list = screen.getByTestId('eliminated-list');
    expect(screen.getByTestId('eliminated-o4')).toHaveTextContent('not met: judged not met by the evaluators');
    expect(list).not.toHaveTextContent('aucune certification');
    expect(list).not.toHaveTextContent('non satisfaite');
  });

  it('tells the engine’s warnings in the language of the interface', async () => {
    const results = fixtures.demoResults();
    results.warnings = [
      {
        code: 'no_environmental_criterion',
        criterion: null,
        message: 'la consultation est lancée le 07/09/2026 : …',
        params: { launch_date: '2026-09-07' },
      },
      {
        code: 'unknown_ref',
        criterion: 'tech.archi',
        ref: 'secnumcloud@3.2:99',
        message: 'la référence « secnumcloud@3.2:99 » …',
        params: { ref: 'secnumcloud@3.2:99', criterion: 'tech.archi' },
      },
    ];
    setLang('en');
    mockShell({});
    openInSession(fixtures.demoEvaluation(), results);
    const { unmount } = render(ResultsPage);
    await settle();
    expect(screen.getByText(/^the consultation was launched on 07\/09\/2026: since 21 Aug 2026/)).toBeInTheDocument();
    expect(
      screen.getByText('the reference “secnumcloud@3.2:99” of criterion “tech.archi” names no entry of the bundled catalogs'),
    ).toBeInTheDocument();
    unmount();
    setLang('fr');
    render(ResultsPage);
    await settle();
    expect(screen.getByText(/^la consultation est lancée le 07\/09\/2026 : depuis le 21\/08\/2026/)).toBeInTheDocument();
  });
});
