import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/*/tests/**/*.test.ts'],
    globalSetup: ['test/build-dist.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on child processes (motia, Python, tsc, mypy), not on this CPU: two files at a time
    // even on two cores (vitest's default there is one) takes the suite from about 10 to 6.5 minutes.
    maxWorkers: Math.max(2, availableParallelism()),
  },
})
