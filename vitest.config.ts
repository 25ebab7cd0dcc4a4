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
    // One worker process runs file after file instead of a fresh one per file (a fork, vitest's runtime and
    // src/ imported again each time): the 66 in-process files of test/engine, http, streams, ... took 68 s
    // of CPU isolated, 38 s not. Files share no state in the test process: their servers, temp folders,
    // Redis and child processes are their own, and none mocks a module or stubs a global.
    isolate: false,
  },
})
