import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import CriteriaEditor from '../src/features/setup/CriteriaEditor.svelte';
import { checkTree } from '../src/lib/tree';
import type { Node } from '../src/lib/read';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

describe('criteria weights', () => {
  it('says inline how far a group’s sub-criteria are from its weight', async () => {
    mockShell({});
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(CriteriaEditor);
    await settle();
    expect(screen.queryByTestId('sum-tech')).not.toBeInTheDocument();
    expect(screen.getByTestId('top-sum')).toHaveTextContent('La somme des critères fait 100 sur 100.');

    // tech (40) = 14 + 10 + 8 + 8; lowering tech.archi to 9 leaves 35 of 40.
    await fireEvent.input(screen.getByTestId('weight-tech.archi'), { target: { value: '9' } });
    await settle();
    expect(screen.getByTestId('sum-tech')).toHaveTextContent('La somme des sous-critères fait 35 sur 40.');

    // Raising the group to 45 moves the top-level sum too.
    await fireEvent.input(screen.getByTestId('weight-tech'), { target: { value: '45' } });
    await settle();
    expect(screen.getByTestId('sum-tech')).toHaveTextContent('La somme des sous-critères fait 35 sur 45.');
    expect(screen.getByTestId('top-sum')).toHaveTextContent('La somme des critères fait 105 sur 100.');

    // Decimal commas are read as a French user types them.
    await fireEvent.input(screen.getByTestId('weight-tech'), { target: { value: '35' } });
    await fireEvent.input(screen.getByTestId('weight-tech.archi'), { target: { value: '8,5' } });
    await settle();
    expect(screen.getByTestId('sum-tech')).toHaveTextContent('La somme des sous-critères fait 34,5 sur 35.');
  });

  it('checks the rules of spec §4 locally', () => {
    const tree: Node[] = fixtures.demoEvaluation().criteria;
    expect(checkTree(tree)).toEqual([]);
    tree[4].children![0].weight = 2; // a requirement must weigh 0
    tree[1].children![0].weight = 4; // tech: 30 of 40
    const keys = checkTree(tree).map((p) => [p.path, p.key]);
    expect(keys).toContainEqual(['criteria[1].children', 'criteria.sum.children']);
    expect(keys).toContainEqual(['criteria[4].children[0].weight', 'criteria.requirement.weight']);
    expect(keys).toContainEqual(['criteria[4].children', 'criteria.sum.children']);
  });

  it('shows the engine’s own problems, one per line, when replace_criteria is refused', async () => {
    const calls = mockShell({
      replace_criteria: () => {
        throw {
          code: 'invalid',
          message:
            'error: criteria[1].children: weights sum to 35 but group "tech" weighs 40\nerror: criteria: top-level weights sum to 95, not 100',
        };
      },
    });
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(CriteriaEditor);
    await settle();
    await fireEvent.input(screen.getByTestId('weight-tech.archi'), { target: { value: '9' } });
    await settle();
    await fireEvent.click(screen.getByTestId('criteria-save'));
    await settle();

    const sent = calls.find((c) => c.cmd === 'replace_criteria');
    expect(sent?.args.reference).toBe('2026-DNUM-CDC-014');
    // The criteria go out in the file's own shape: a group is a node with `children`.
    const tech = (sent?.args.criteria as { id: string; kind?: string; children: { id: string; weight: number }[] }[])[1];
    expect(tech.kind).toBeUndefined();
    expect(tech.children[0]).toMatchObject({ id: 'tech.archi', weight: 9 });
    const alert = screen.getByTestId('criteria-error');
    expect(alert).toHaveTextContent('Les données ne respectent pas les règles du format d’évaluation');
    const items = within(within(alert).getByTestId('problems')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'criteria[1].children: weights sum to 35 but group "tech" weighs 40',
      'criteria: top-level weights sum to 95, not 100',
    ]);
  });

  it('adds a catalog entry as a knock-out requirement', async () => {
    const calls = mockShell({ search_catalog: fixtures.catalogSearch() });
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(CriteriaEditor);
    await settle();
    await fireEvent.input(screen.getByTestId('catalog-query'), { target: { value: 'extra-européen' } });
    await fireEvent.click(screen.getByTestId('catalog-submit'));
    await settle();
    expect(calls.find((c) => c.cmd === 'search_catalog')?.args).toEqual({ query: 'extra-européen' });
    await fireEvent.click(screen.getByTestId('catalog-add-requirement-secnumcloud@3.2:19.6'));
    await settle();
    expect(screen.getByTestId('criterion-secnumcloud-19.6')).toBeInTheDocument();
    expect(screen.getByTestId('top-sum')).toHaveTextContent('100 sur 100');
  });
});
