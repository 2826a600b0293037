import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../src/app/App.svelte';
import { mockShell, settle } from './helpers';

const damaged = {
  problem: { kind: 'damaged', path: '/home/claire/.local/share/jauge/jauge.sqlite3', detail: 'file is not a database' },
  readOnly: false,
  setAside: null,
};
const backups = [
  { fileName: 'jauge-20261130T081500Z-daily.sqlite3', takenAt: '2026-11-30T08:15:00+00:00', kind: 'daily', bytes: 2_400_000 },
  { fileName: 'jauge-20261129T080000Z-before-migration.sqlite3', takenAt: '2026-11-29T08:00:00+00:00', kind: 'before_migration', bytes: 2_300_000 },
];

describe('a store that cannot be opened', () => {
  it('is said first, with where the file is and the ways out, and nothing else is shown', async () => {
    mockShell({ store_status: damaged, list_backups: backups });
    render(App);
    await settle();
    const problem = screen.getByTestId('startup-problem');
    expect(problem).toHaveAttribute('data-kind', 'damaged');
    expect(problem).toHaveTextContent('Le fichier de la base de données est endommagé.');
    expect(screen.getByTestId('startup-path')).toHaveTextContent('/home/claire/.local/share/jauge/jauge.sqlite3');
    expect(screen.queryByTestId('create-form')).toBeNull();
    expect(screen.queryByTestId('startup-retry')).toBeNull();
    const list = screen.getByTestId('backups');
    expect(within(list).getAllByRole('row')).toHaveLength(3);
    expect(list).toHaveTextContent('Avant mise à jour du format');
  });

  it('opens read-only on request and then shows the evaluations with a read-only notice', async () => {
    const calls = mockShell({
      store_status: damaged,
      open_store_read_only: { problem: null, readOnly: true, setAside: null },
      list_evaluations: [],
    });
    render(App);
    await settle();
    await fireEvent.click(screen.getByTestId('startup-read-only'));
    await settle();
    expect(calls.some((c) => c.cmd === 'open_store_read_only')).toBe(true);
    expect(screen.queryByTestId('startup-problem')).toBeNull();
    expect(screen.getByTestId('read-only-notice')).toHaveTextContent('lecture seule');
  });

  it('offers to try again when another program holds the store', async () => {
    mockShell({ store_status: { ...damaged, problem: { ...damaged.problem, kind: 'locked' } } });
    render(App);
    await settle();
    expect(screen.getByTestId('startup-problem')).toHaveTextContent('verrouillée par un autre programme');
    expect(screen.getByTestId('startup-retry')).toBeInTheDocument();
  });
});
