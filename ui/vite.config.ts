import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Everything the app shows is bundled: DSFR CSS, its Marianne fonts and the icons we use are
// imported from node_modules and emitted as files next to the app (no remote content).
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Emit every asset as a file so a strict CSP (default-src 'self') never meets a data: URL
    // of ours (DSFR's own CSS still carries a few data: SVGs: the CSP needs img-src data:).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  // Svelte's browser build in jsdom (mount, not SSR).
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
  },
}));
