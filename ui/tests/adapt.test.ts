import { describe, expect, it } from 'vitest';
import * as A from '../src/lib/adapt';
import { normalise } from '../src/lib/session.svelte';
import { fixtures } from './fixtures';
import { evaluationToWire, resultsToWire } from './fixtures/wire.mjs';

describe('wire adapters', () => {
  it('read the shell’s evaluation back to the evaluation format, losslessly', () => {
    const demo = fixtures.demoEvaluation();
    expect(A.evaluationFromWire(evaluationToWire(demo))).toEqual(normalise(demo));
  });

  it('send criteria, offers and tender in the shell’s spelling', () => {
    const demo = fixtures.demoEvaluation();
    const wire = evaluationToWire(demo);
    expect(demo.criteria.map(A.criterionToWire)).toEqual(wire.criteria);
    expect(demo.offers.map(A.offerToWire)).toEqual(wire.offers);
    expect(A.tenderToWire(demo.tender)).toEqual(wire.tender);
  });

  it('read results into the shape of the results document (spec §9)', () => {
    const results = fixtures.demoResults();
    const read = A.resultsFromWire(resultsToWire(results));
    expect(read.winner).toBe('o3');
    expect(read.offers.find((o) => o.id === 'o3')?.groups).toEqual(results.offers.find((o) => o.id === 'o3')?.groups);
    expect(read.offers.find((o) => o.id === 'o2')?.eliminated_because[0].reason).toBe('requirement_not_met');
    expect(read.offers.find((o) => o.id === 'o5')?.abnormally_low).toBe(true);
    expect(read.offers[0].criteria['req.snc']).toEqual({ met: true });
  });

  it('turns any rejection into a coded error', async () => {
    const { toIpcError } = await import('../src/lib/backend');
    expect(toIpcError({ code: 'wrong_password', message: 'x' })).toEqual({ code: 'wrong_password', message: 'x' });
    expect(toIpcError({ code: 'WrongPassword', message: 'x' }).code).toBe('wrong_password');
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(toIpcError({ code: 'weird', message: 'y' }).code).toBe('internal');
  });
});
