import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Integration tests spawn the CLI and write real SQLite files; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
