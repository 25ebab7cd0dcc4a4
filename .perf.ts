import { RunnerPool } from './src/languages/python/runner-pool.js'
import path from 'node:path'
const root = path.resolve('test/fixtures/python-steps')
const size = Number(process.argv[2] ?? 2)
const pool = new RunnerPool({ root, python: path.resolve('.venv/bin/python'), size })
await pool.start()
const ctx: any = { traceId: 't1', flows: [], streams: {}, logger: console, state: {}, emit: async () => {} }
const params = { file: path.join(root, 'steps/echo_step.py'), step: 'Echo', kind: 'event' as const, input: { a: 1 }, traceId: 't', flows: [], streams: [] }
await pool.invoke(params, ctx)
for (const window of [1, 1000]) {
  const total = window === 1 ? 5000 : 200_000
  let done = 0, started = 0
  const t0 = performance.now()
  await new Promise<void>((resolve) => {
    const next = () => {
      if (started >= total) return
      started++
      pool.invoke(params, ctx).then(() => { done++; if (done === total) resolve(); else next() })
    }
    for (let i = 0; i < window; i++) next()
  })
  const secs = (performance.now() - t0) / 1000
  console.log(`window ${window}: ${Math.round(total / secs)} invokes/s, ${(secs / total * 1e6).toFixed(1)} us avg`)
}
await pool.close()
