import { describe, expect, it } from 'vitest';
import { render, screen, within, fireEvent } from '@testing-library/svelte';
import EvaluationsPage from '../src/features/evaluations/EvaluationsPage.svelte';
import { mockShell, settle } from './helpers';
import type { TemplateDto } from '../src/ipc/bindings.gen';

const list = [
  {
    reference: '2026-DNUM-CDC-014',
    title: 'Hébergement en cloud de confiance',
    buyer: 'Ministère (fictif)',
    deadline: '2026-10-19',
    offers: 5,
    evaluators: 3,
    scores: 126,
    changedAt: '2026-10-20T09:30:00Z',
  },
  {
    reference: 'CHU-HDS-2027',
    title: 'Hébergement de données de santé',
    buyer: 'CHU (fictif)',
    deadline: '2027-01-15',
    offers: 2,
    evaluators: 2,
    scores: 0,
    changedAt: null,
  },
];

const templates: TemplateDto[] = [
  {
    name: 'cloud-sensitive',
    titleFr: 'Cloud de confiance — données sensibles (SecNumCloud)',
    titleEn: 'Trusted cloud — sensitive data (SecNumCloud)',
    descriptionFr: 'SecNumCloud exigé.',
    descriptionEn: 'SecNumCloud required.',
  },
  {
    name: 'health-hds',
    titleFr: 'Hébergement de données de santé (HDS)',
    titleEn: 'Health data hosting (HDS)',
    descriptionFr: 'HDS exigée.',
    descriptionEn: 'HDS required.',
  },
];

describe('evaluations list', () => {
  it('renders one row per stored evaluation from list_evaluations', async () => {
    const calls = mockShell({ list_evaluations: list, list_templates: templates });
    render(EvaluationsPage);
    await settle();

    expect(calls.map((c) => c.cmd)).toContain('list_evaluations');
    const row = screen.getByTestId('evaluation-row-2026-DNUM-CDC-014');
    expect(within(row).getByText('Hébergement en cloud de confiance')).toBeInTheDocument();
    expect(within(row).getByText('19/10/2026')).toBeInTheDocument();
    expect(within(row).getByText('126')).toBeInTheDocument();
    expect(screen.getByTestId('open-CHU-HDS-2027')).toHaveAttribute('href', '#/e/CHU-HDS-2027/scoring');
    expect(screen.getByRole('columnheader', { name: 'Date limite de remise des offres' })).toBeInTheDocument();
  });

  it('offers the templates by their titles in the language of the interface', async () => {
    mockShell({ list_evaluations: [], list_templates: templates });
    render(EvaluationsPage);
    await settle();
    const picker = screen.getByTestId('create-template') as HTMLSelectElement;
    expect([...picker.options].map((o) => [o.value, o.text])).toEqual([
      ['cloud-sensitive', 'Cloud de confiance — données sensibles (SecNumCloud)'],
      ['health-hds', 'Hébergement de données de santé (HDS)'],
    ]);
    expect(screen.getByText('SecNumCloud exigé.')).toBeInTheDocument();
    await fireEvent.change(picker, { target: { value: 'health-hds' } });
    await settle();
    expect(screen.getByText('HDS exigée.')).toBeInTheDocument();
    expect(screen.queryByText('SecNumCloud exigé.')).toBeNull();
  });

  it('shows the empty state when nothing is stored', async () => {
    mockShell({ list_evaluations: [], list_templates: [] });
    render(EvaluationsPage);
    await settle();
    expect(screen.getByTestId('list-empty')).toBeInTheDocument();
  });

  it('deletes only after confirming in the modal', async () => {
    let stored = [...list];
    const calls = mockShell({
      list_evaluations: () => stored,
      list_templates: [],
      delete_evaluation: (args: { reference: string }) => {
        stored = stored.filter((e) => e.reference !== args.reference);
        return null;
      },
    });
    render(EvaluationsPage);
    await settle();
    await fireEvent.click(screen.getByTestId('delete-CHU-HDS-2027'));
    await settle();
    expect(calls.some((c) => c.cmd === 'delete_evaluation')).toBe(false);
    expect(screen.getByTestId('delete-modal')).toHaveTextContent('CHU-HDS-2027');
    await fireEvent.click(screen.getByTestId('delete-confirm'));
    await settle();
    expect(calls.find((c) => c.cmd === 'delete_evaluation')?.args).toEqual({ reference: 'CHU-HDS-2027' });
    expect(screen.queryByTestId('evaluation-row-CHU-HDS-2027')).not.toBeInTheDocument();
  });

  it('imports a typed path and reports an invalid file with every problem', async () => {
    const calls = mockShell({
      list_evaluations: [],
      list_templates: [],
      import_evaluation_file: () => {
        throw {
          code: 'invalid',
          message:
            'error: criteria[1].children: weights sum to 45 but group "tech" weighs 50\nerror: scores[12].value: 7 is outside the scale 0..5 of criterion "tech.sec"',
        };
      },
    });
    render(EvaluationsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('import-path'), { target: { value: '/tmp/offres.json' } });
    await fireEvent.submit(screen.getByTestId('import-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'import_evaluation_file')?.args).toEqual({ path: '/tmp/offres.json', replace: false, actor: 'jauge' });
    const alert = screen.getByTestId('import-error');
    expect(alert).toHaveAttribute('data-code', 'invalid');
    const problems = within(alert).getAllByRole('listitem').map((li) => li.textContent);
    expect(problems).toEqual([
      'criteria[1].children: weights sum to 45 but group "tech" weighs 50',
      'scores[12].value: 7 is outside the scale 0..5 of criterion "tech.sec"',
    ]);
  });

  it('opens an evaluator’s package as a workspace and goes to its return screen', async () => {
    const calls = mockShell({ list_evaluations: [], list_templates: [], open_package: '2026-DNUM-CDC-014' });
    render(EvaluationsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('open-package-path'), { target: { value: '/tmp/paquet-e2.json' } });
    await fireEvent.submit(screen.getByTestId('open-package-form'));
    await settle();
    expect(calls.find((c) => c.cmd === 'open_package')?.args).toEqual({ path: '/tmp/paquet-e2.json', replace: false, actor: 'jauge' });
    expect(location.hash).toBe('#/e/2026-DNUM-CDC-014/member');
  });

  it('says why a package does not open, in the interface’s words', async () => {
    mockShell({
      list_evaluations: [],
      list_templates: [],
      open_package: () => {
        throw { code: 'conflict', message: '2026-DNUM-CDC-014 is already stored' };
      },
    });
    render(EvaluationsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('open-package-path'), { target: { value: '/tmp/paquet-e2.json' } });
    await fireEvent.submit(screen.getByTestId('open-package-form'));
    await settle();
    expect(screen.getByTestId('open-package-error')).toHaveAttribute('data-code', 'conflict');
  });
});
