// How the store is open, asked once at start-up and after each way out: the app shows the
// startup problem (and nothing else) while there is one, and a notice while the store is open
// read-only. `generation` changes whenever another store file was put in place, so the screens
// that listed the old one are drawn afresh.

import { backend } from './backend';
import type { StoreStatusDto } from '../ipc/bindings.gen';

export const storeState = $state<{ status: StoreStatusDto | null; generation: number }>({
  status: null,
  generation: 0,
});

export async function refreshStoreStatus(): Promise<void> {
  storeState.status = await backend.storeStatus();
}

/** Records the status a way out answered, and redraws the screens over the new store. */
export function storeReplaced(status: StoreStatusDto): void {
  storeState.status = status;
  storeState.generation += 1;
}
