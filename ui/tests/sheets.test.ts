import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import SheetsPage from '../src/features/sheets/SheetsPage.svelte';
import { setLang } from '../src/lib/i18n.svelte';
import { session } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

afterEach(() => setLang('fr'));

describe('the spreadsheets screen', () => {
  it('lists every wrong cell of a refused grid by its address, in French, and keeps what is shown', async () => {
    const view = fixtures.progressView();
    openInSession(view.evaluation, view.results);
    const before = session.evaluation;
    const calls = mockShell({
      import_score_grid: () => {
        // As the shell sends it: English lines for the command line, and the problems coded.
        throw {
          code: 'invalid',
          message: 'Notes!D14: 7 is outside the scale 0..5\nNotes!E20: "beaucoup" is not a number',
          problems: {
            problems: [
              { path: 'Notes!D14', code: 'grid_off_scale', params: { value: '7', min: '0', max: '5' } },
              { path: 'Notes!E20', code: 'not_a_number', params: { text: 'beaucoup' } },
            ],
            omitted: 0,
          },
        };
      },
    });
    render(SheetsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('grid-import-path'), { target: { value: '/tmp/grille.xlsx' } });
    await fireEvent.click(screen.getByTestId('grid-import-submit'));
    await settle();

    expect(calls.find((c) => c.cmd === 'import_score_grid')?.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      evaluator: view.evaluation.evaluators[0].id,
      path: '/tmp/grille.xlsx',
    });
    const problems = screen.getByTestId('problems');
    const lines = [...problems.querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).toEqual(['Notes!D14\u00a0: 7 est hors de l’échelle 0..5', 'Notes!E20\u00a0: « beaucoup » n’est pas un nombre']);
    expect(session.evaluation).toBe(before);
  });

  it('shows the evaluation as saved after an import, with the count and the file’s fingerprint', async () => {
    const progress = fixtures.progressView();
    const saved = fixtures.demoView();
    openInSession(progress.evaluation, progress.results);
    mockShell({
      import_score_grid: { count: 3, fileName: 'grille.xlsx', sha256: 'ab'.repeat(32), view: saved },
    });
    render(SheetsPage);
    await settle();
    await fireEvent.input(screen.getByTestId('grid-import-path'), { target: { value: '/tmp/grille.xlsx' } });
    await fireEvent.click(screen.getByTestId('grid-import-submit'));
    await settle();

    expect(screen.getByTestId('grid-imported')).toHaveTextContent('3 notes importées depuis grille.xlsx');
    expect(screen.getByTestId('grid-imported')).toHaveTextContent('ab'.repeat(32));
    expect(session.evaluation?.scores).toHaveLength(saved.evaluation.scores.length);
    expect(session.results).toEqual(saved.results);
  });

  it('exports the blank grid of the chosen evaluator under a name that follows the choice', async () => {
    const view = fixtures.demoView();
    openInSession(view.evaluation, view.results);
    const calls = mockShell({ export_score_grid: { path: '/tmp/g.xlsx', bytes: 10, sha256: 'cd'.repeat(32) } });
    render(SheetsPage);
    await settle();
    const second = view.evaluation.evaluators[1];
    await fireEvent.change(screen.getByTestId('grid-evaluator'), { target: { value: second.id } });
    await settle();
    expect((screen.getByTestId('grid-output-path') as HTMLInputElement).value).toContain(second.id);
    await fireEvent.click(screen.getByTestId('grid-export'));
    await settle();
    expect(calls.find((c) => c.cmd === 'export_score_grid')?.args).toMatchObject({ evaluator: second.id, lang: 'fr' });
    expect(screen.getByTestId('grid-written')).toHaveTextContent(second.name);
  });
});
