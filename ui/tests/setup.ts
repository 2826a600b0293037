import '@testing-library/jest-dom/vitest';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import { setLang } from '../src/lib/i18n.svelte';

beforeEach(() => {
  localStorage.clear();
  setLang('fr');
});

afterEach(() => {
  cleanup();
  clearMocks();
});
