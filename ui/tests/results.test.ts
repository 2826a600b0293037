import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import ResultsPage from '../src/features/results/ResultsPage.svelte';
import { eliminationText, fill, problemText } from '../src/lib/words';
import { setLang } from '../src/lib/i18n.svelte';
import * as A from '../src/lib/adapt';
import { fixtures } from './fixtures';
import { resultsToWire } from './fixtures/wire.mjs';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

/** The demo's results as the shell sends them: each leaf says where its value came from. */
function demoResultsWithSources() {
  const results = fixtures.demoResults();
  results.offers.find((o) => o.id === 'o2')!.criteria['req.snc'].source = 'certifications';
  results.offers.find((o) => o.id === 'o4')!.criteria['req.immunity'].source = 'evaluators';
  return results;
}

describe('eliminated offers', () => {
  it('reads where each leaf value came from off the wire', () => {
    const wire = resultsToWire(fixtures.demoResults()) as { offers: { criteria: { criterion: string; source?: string }[] }[] };
    wire.offers[1].criteria.find((c) => c.criterion === 'req.snc')!.source = 'certifications';
    expect(A.resultsFromWire(wire as never).offers[1].criteria['req.snc'].source).toBe('certifications');
  });

  it('gives the reason in the language of the interface, from the engine’s vocabulary', () => {
    const results = demoResultsWithSources();
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
    openInSession(fixtures.demoEvaluation(), demoResultsWithSources());
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

describe('the status of the results', () => {
  it('never says "complete" in green when every offer is eliminated', async () => {
    const results = fixtures.demoResults();
    for (const offer of results.offers) {
      offer.status = 'eliminated';
      offer.rank = null;
      offer.total = null;
    }
    results.complete = true;
    results.winner = null;
    mockShell({});
    openInSession(fixtures.demoEvaluation(), results);
    render(ResultsPage);
    await settle();
    const status = screen.getByTestId('results-status');
    expect(status).toHaveClass('fr-alert--error');
    expect(status).toHaveTextContent(
      `Aucune offre ne peut être classée : les ${results.offers.length} offres reçues sont toutes éliminées`,
    );
    expect(status).not.toHaveTextContent('Notation complète');
  });
});
