import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

// Three projects: plain Node (core, main, preload, web, CLI, integration against real brokers),
// jsdom (Svelte components and stores), and e2e (the built app in Chromium).
const electronFake = { electron: resolve(root, 'test/fakes/electron.ts') };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: electronFake },
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [svelte({ configFile: resolve(root, 'svelte.config.mjs') })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.ts'],
          // A Svelte runtime warning fails the test that printed it.
          setupFiles: ['test/renderer/setup/svelte-warnings.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build.global.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The page updates from events and from call answers that race each other: a read
          // that depends on one after waiting for the other polls, with room for a loaded CI box.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
