import { defineConfig } from 'vitest/config';

// Browser tests: run after `vite build`; they serve dist/ with `vite preview` and drive chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
