import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'migrations/**/*.test.ts', 'web/**/*.test.ts', 'federation-tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // argon2id at 19 MiB per hash: two workers fit the 2-core machines comfortably.
    maxWorkers: 2,
  },
});
