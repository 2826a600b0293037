import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import EvaluationPage from '../src/app/EvaluationPage.svelte';
import MemberPage from '../src/features/member/MemberPage.svelte';
import ScoringPage from '../src/features/scoring/ScoringPage.svelte';
import { session } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { mockShell, openInSession, settle } from './helpers';

function openWorkspace() {
  const view = fixtures.workspaceView();
  openInSession(view.evaluation, view.results);
  session.workspace = fixtures.workspace();
  return view;
}

describe('an evaluator’s workspace', () => {
  it('shows the evaluator their grid and their return file only', async () => {
    const view = openWorkspace();
    mockShell({});
    render(EvaluationPage, { section: 'setup', reference: view.evaluation.tender.reference });
    await settle();
    const links = [...document.querySelectorAll('[data-testid^="nav-"]')].map((a) => a.getAttribute('data-testid'));
    expect(links).toEqual(['nav-home', 'nav-scoring', 'nav-member']);
    // A buyer's section asked for by its address shows the grid instead.
    expect(screen.getByTestId('section-title')).toHaveTextContent('Notation');
    expect(screen.getByTestId('workspace-badge')).toHaveTextContent('Julien Morel');
  });

  it('scores as the workspace’s evaluator, on the criteria assigned to them', async () => {
    const view = openWorkspace();
    mockShell({});
    render(ScoringPage);
    await settle();
    expect(screen.queryByTestId('evaluator-select')).toBeNull();
    expect(screen.getByTestId('workspace-me')).toHaveTextContent('Julien Morel');
    const assigned = fixtures.workspace().criteria;
    const offer = view.evaluation.offers[0].id;
    for (const id of assigned) expect(screen.getByTestId(`cell-${offer}-${id}`)).toBeInTheDocument();
    expect(screen.queryByTestId(`cell-${offer}-tech.iam`)).toBeNull();
  });

  it('says where the package came from, that prices are sealed, and writes a signed return file', async () => {
    const view = openWorkspace();
    const workspace = fixtures.workspace();
    const calls = mockShell({
      write_return: { path: '/tmp/retour.json', bytes: 1200, sha256: 'ab'.repeat(32) },
    });
    render(MemberPage);
    await settle();
    expect(screen.getByTestId('member-package')).toHaveTextContent(workspace.package_name);
    expect(screen.getByTestId('member-package')).toHaveTextContent(workspace.package_sha256);
    expect(screen.getByTestId('member-prices-hidden')).toBeInTheDocument();
    const given = view.evaluation.scores.filter((s) => s.evaluator === 'e2' && workspace.criteria.includes(s.criterion)).length;
    expect(screen.getByTestId('member-progress')).toHaveAttribute('data-given', String(given));
    expect(screen.getByTestId('member-undeclared')).toHaveAttribute('data-undeclared', String(view.evaluation.offers.length));
    // The declaration form is the evaluator's own: no choice of evaluator.
    expect(screen.queryByTestId('declare-evaluator')).toBeNull();

    await fireEvent.input(screen.getByTestId('member-return-path'), { target: { value: '/tmp/retour.json' } });
    await fireEvent.click(screen.getByTestId('member-sign'));
    await settle();
    await fireEvent.input(screen.getByTestId('member-p12-path'), { target: { value: '/tmp/moi.p12' } });
    await fireEvent.input(screen.getByTestId('member-password'), { target: { value: 'secret' } });
    await fireEvent.click(screen.getByTestId('member-return-write'));
    await settle();
    const call = calls.find((c) => c.cmd === 'write_return')!;
    expect(call.args).toMatchObject({
      reference: view.evaluation.tender.reference,
      path: '/tmp/retour.json',
      signing: { p12Path: '/tmp/moi.p12', password: 'secret' },
    });
    expect(screen.getByTestId('member-return-written')).toHaveAttribute('data-signed', 'true');
    expect((screen.getByTestId('member-password') as HTMLInputElement).value).toBe('');
  });
});
