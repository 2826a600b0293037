import { mockIPC } from '@tauri-apps/api/mocks';
import { tick } from 'svelte';
import { session } from '../src/lib/session.svelte';
import type { EvaluationDocument, ResultsDocument } from '../src/ipc/bindings.gen';

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/**
 * Installs a mocked shell: `handlers[cmd]` answers (a value, or a function of the args; throw
 * an `{code, message}` object to fail). Returns the list of calls received.
 */
/** What a healthy shell answers when a test does not say otherwise: a store open for work. */
const HEALTHY: Record<string, unknown> = {
  store_status: { problem: null, readOnly: false, setAside: null },
  list_backups: [],
  // No member has sent a signed return yet.
  return_certificates: [],
};

export function mockShell(given: Record<string, unknown>): Call[] {
  const calls: Call[] = [];
  const handlers = { ...HEALTHY, ...given };
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
    if (!(cmd in handlers)) return null;
    const handler = handlers[cmd];
    return typeof handler === 'function' ? (handler as (a: unknown) => unknown)(args) : handler;
  });
  return calls;
}

/** Puts an evaluation in the session as if it had been opened. */
export function openInSession(evaluation: EvaluationDocument, results: ResultsDocument): void {
  session.reference = evaluation.tender.reference;
  session.evaluation = evaluation;
  session.results = results;
  session.error = null;
  session.workspace = null;
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
    await tick();
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  await tick();
}
