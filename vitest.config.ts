import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Native addons (SQLite, sharp) are happiest in child processes.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Every database a test opens is encrypted with this key (a test machine has no key store); the key store and
    // the other key sources have tests of their own.
    env: { FOTOWACHT_DB_KEY: '7e57'.repeat(16) },
  },
});
