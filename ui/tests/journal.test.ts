import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import JournalPage from '../src/features/journal/JournalPage.svelte';
import { describeEntry, namesOf } from '../src/features/journal/describe';
import type { JournalEntry } from '../src/lib/model';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

const NBSP = '\u00a0';

function entry(seq: number, action: string, payload: unknown, actor = 'Sophie Lambert'): JournalEntry {
  return {
    seq,
    at: '2026-11-20T09:30:00Z',
    actor,
    action,
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    hash: 'ab'.repeat(32),
  };
}

describe('journal', () => {
  const demo = fixtures.demoEvaluation();
  const names = namesOf(demo);

  it('describes each change with the names of offers, criteria and evaluators', () => {
    expect(
      describeEntry(
        entry(2, 'score.set', {
          offer: 'o1', criterion: 'tech.archi', evaluator: 'e1', value: 0, justification: 'Aucun  plan\nde reprise.',
        }),
        names,
        'fr',
      ),
    ).toBe(
      `Nébula Souveraine SAS — Architecture, robustesse et continuité de service${NBSP}: 0 (Sophie Lambert) «${NBSP}Aucun plan de reprise.${NBSP}»`,
    );
    expect(
      describeEntry(
        entry(3, 'consensus.set', {
          offer: 'o1', criterion: 'tech.archi', value: 3.5, justification: 'Multi-zones démontré.',
        }),
        names,
        'en',
      ),
    ).toBe('Nébula Souveraine SAS — Architecture, robustesse et continuité de service: 3.5 “Multi-zones démontré.”');
    expect(describeEntry(entry(4, 'score.remove', { offer: 'o2', criterion: 'tech.archi', evaluator: 'e3' }), names, 'fr')).toBe(
      `Altiplano Cloud SA — Architecture, robustesse et continuité de service${NBSP}: note effacée (Nadia Haddad)`,
    );
    expect(
      describeEntry(entry(5, 'offer.upsert', { id: 'o9', bidder: 'Stratus SAS', price: 1234567.5 }), names, 'fr'),
    ).toBe(`Stratus SAS (prix 1${'\u202f'}234${'\u202f'}567,50${NBSP}€)`);
  });

  it('summarises an import instead of quoting its first score', () => {
    const text = describeEntry(entry(1, 'evaluation.import', demo, 'jauge'), names, 'fr');
    expect(text).toBe(`2026-DNUM-CDC-014${NBSP}: 5 offres, 13 critères, 3 évaluateurs, 126 notes`);
  });

  it('keeps the id of something removed since, and shows unreadable payloads raw', () => {
    expect(describeEntry(entry(6, 'offer.remove', { offer: 'o42' }), names, 'fr')).toBe('o42');
    expect(describeEntry(entry(7, 'score.set', 'not json'), names, 'fr')).toBe('not json');
    expect(describeEntry(entry(8, 'something.new', { a: 1 }), names, 'en')).toBe('{"a":1}');
    expect(describeEntry(entry(9, 'tender.update', { reference: 'R-1', title: 'Lot 2' }), names, 'fr')).toBe('R-1 — Lot 2');
    expect(describeEntry(entry(10, 'evaluator.upsert', { id: 'e4', name: 'Léa Roux', role: 'DSI' }), names, 'fr')).toBe(
      'Léa Roux — DSI',
    );
  });

  it('lists the entries newest first with the verdict of the chain', async () => {
    mockShell({
      list_journal: () => [
        entry(1, 'evaluation.import', demo, 'jauge'),
        entry(2, 'score.set', { offer: 'o3', criterion: 'tech.archi', evaluator: 'e2', value: 4 }),
      ],
      verify_journal: () => ({ entries: 2, headHash: 'cd'.repeat(32), intact: true, broken: null }),
    });
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(JournalPage);
    await settle();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual(['journal-row-2', 'journal-row-1']);
    expect(rows[0]).toHaveTextContent('Eurostrata Cloud SE — Architecture, robustesse et continuité de service : 4 (Julien Morel)');
    expect(rows[1]).toHaveTextContent('2026-DNUM-CDC-014 : 5 offres, 13 critères, 3 évaluateurs, 126 notes');
    expect(screen.getByTestId('journal-verdict')).toHaveAttribute('data-intact', 'true');
  });
});
