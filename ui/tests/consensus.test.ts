import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import ConsensusPage from '../src/features/consensus/ConsensusPage.svelte';
import { session } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

describe('consensus', () => {
  it('lists the open divergence first with every individual score and justification', async () => {
    mockShell({});
    openInSession(fixtures.progressEvaluation(), fixtures.progressResults());
    render(ConsensusPage);
    await settle();
    const item = screen.getAllByTestId('consensus-o1-rev.plan')[0];
    expect(item).toHaveTextContent('Divergence');
    const rows = within(item).getAllByRole('row');
    // header + one row per evaluator
    expect(rows).toHaveLength(4);
    expect(item).toHaveTextContent('Sophie Lambert');
    expect(item).toHaveTextContent('Julien Morel');
  });

  it('requires a written rationale before calling set_consensus', async () => {
    const calls = mockShell({ set_consensus: () => fixtures.progressSetConsensus() });
    openInSession(fixtures.progressEvaluation(), fixtures.progressResults());
    render(ConsensusPage);
    await settle();
    const item = screen.getAllByTestId('consensus-o1-rev.plan')[0];
    await fireEvent.change(within(item).getByTestId('consensus-value'), { target: { value: '3' } });
    await fireEvent.click(within(item).getByTestId('consensus-save'));
    await settle();
    expect(calls.filter((c) => c.cmd === 'set_consensus')).toHaveLength(0);
    expect(within(item).getByTestId('rationale-error')).toHaveTextContent('La motivation est obligatoire.');
    expect(within(item).getByTestId('consensus-rationale')).toHaveAttribute('aria-invalid', 'true');

    await fireEvent.input(within(item).getByTestId('consensus-rationale'), {
      target: { value: 'La commission retient 3 : export IaaS démontré, outillage PaaS seulement annoncé.' },
    });
    await fireEvent.click(within(item).getByTestId('consensus-save'));
    await settle();
    expect(calls.find((c) => c.cmd === 'set_consensus')?.args).toEqual({
      reference: '2026-DNUM-CDC-014',
      consensus: {
        offer: 'o1',
        criterion: 'rev.plan',
        value: 3,
        justification: 'La commission retient 3 : export IaaS démontré, outillage PaaS seulement annoncé.',
      },
      actor: 'jauge',
    });
    expect(session.results!.divergences.every((d) => d.resolved)).toBe(true);
  });
});
