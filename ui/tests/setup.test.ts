import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, within } from '@testing-library/svelte';
import CriteriaEditor from '../src/features/setup/CriteriaEditor.svelte';
import SettingsForm from '../src/features/setup/SettingsForm.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

type WireNode = { id: string; weight: number; children?: WireNode[] };

/** A stand-in for the engine's check_criteria: the problems it would code for the demo's tree
 * when tech.archi no longer weighs 14 (the rules themselves are tested in Rust). */
function checkCriteria(args: unknown) {
  const tree = (args as { criteria: WireNode[] }).criteria;
  const tech = tree[1];
  const children = tech.children ?? [];
  const sum = children.reduce((s, c) => s + c.weight, 0);
  const top = tree.reduce((s, c) => s + c.weight, 0);
  const problems = [];
  if (sum !== tech.weight) {
    problems.push({ path: 'criteria[1].children', code: 'group_weights_sum', params: { sum: String(sum), group: 'tech', weight: String(tech.weight) } });
  }
  if (top !== 100) problems.push({ path: 'criteria', code: 'top_weights_sum', params: { sum: String(top) } });
  return { problems, omitted: 0 };
}

describe('criteria weights', () => {
  it('shows the engine’s coded problems inline, in French, while typing', async () => {
    const calls = mockShell({ check_criteria: checkCriteria });
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(CriteriaEditor);
    await settle();
    expect(calls.some((c) => c.cmd === 'check_criteria')).toBe(true);
    expect(screen.queryByTestId('sum-tech')).not.toBeInTheDocument();
    expect(screen.getByTestId('top-sum')).toHaveTextContent('La somme des critères fait 100 sur 100.');

    // tech (40) = 14 + 10 + 8 + 8; lowering tech.archi to 9 leaves 35 of 40.
    await fireEvent.input(screen.getByTestId('weight-tech.archi'), { target: { value: '9' } });
    await settle();
    expect(screen.getByTestId('sum-tech')).toHaveTextContent('les pondérations totalisent 35 mais le groupe « tech » pèse 40');

    // Raising the group to 45 moves the top-level sum too.
    await fireEvent.input(screen.getByTestId('weight-tech'), { target: { value: '45' } });
    await settle();
    expect(screen.getByTestId('sum-tech')).toHaveTextContent('les pondérations totalisent 35 mais le groupe « tech » pèse 45');
    expect(screen.getByTestId('top-sum')).toHaveTextContent('les pondérations de premier niveau totalisent 105 au lieu de 100');

    // Decimal commas are read as a French user types them, and the engine's numbers shown so.
    await fireEvent.input(screen.getByTestId('weight-tech'), { target: { value: '35' } });
    await fireEvent.input(screen.getByTestId('weight-tech.archi'), { target: { value: '8,5' } });
    await settle();
    const last = calls.filter((c) => c.cmd === 'check_criteria').at(-1);
    expect((last?.args.criteria as WireNode[])[1].children?.[0].weight).toBe(8.5);
    expect(screen.getByTestId('sum-tech')).toHaveTextContent('les pondérations totalisent 34,5 mais le groupe « tech » pèse 35');
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

describe('committee rules in the settings', () => {
  it('sends sealed prices and required declarations only when the buyer ticks them', async () => {
    const sealed = fixtures.sealedView();
    const calls = mockShell({ update_settings: sealed });
    openInSession(fixtures.demoEvaluation(), fixtures.demoResults());
    render(SettingsForm);
    await settle();
    await fireEvent.click(screen.getByTestId('settings-save'));
    await settle();
    const untouched = calls.filter((c) => c.cmd === 'update_settings').pop()!.args.settings as Record<string, unknown>;
    expect(untouched).not.toHaveProperty('sealed_prices');
    expect(untouched).not.toHaveProperty('declarations_required');

    await fireEvent.click(screen.getByTestId('settings-sealed-prices'));
    await fireEvent.click(screen.getByTestId('settings-declarations'));
    await fireEvent.click(screen.getByTestId('settings-save'));
    await settle();
    const ticked = calls.filter((c) => c.cmd === 'update_settings').pop()!.args.settings as Record<string, unknown>;
    expect(ticked).toMatchObject({ sealed_prices: true, declarations_required: true });
  });

  it('cannot seal prices again once they were opened', async () => {
    const opened = fixtures.sealedOpenedView();
    mockShell({});
    openInSession(opened.evaluation, opened.results);
    render(SettingsForm);
    await settle();
    expect(screen.getByTestId('settings-sealed-prices')).toBeDisabled();
    expect(screen.getByTestId('settings-sealed-prices')).toBeChecked();
  });
});
