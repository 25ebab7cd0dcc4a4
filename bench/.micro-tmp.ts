import { Tracer } from '../src/traces/tracer.js'
import { MemoryTraceStore } from '../src/traces/memory-trace-store.js'
const store = new MemoryTraceStore()
const noop = { add() {}, list: () => [], get: () => undefined, close() {} }
for (const [name, s] of [['noop', noop], ['memory', store], ['noop', noop], ['memory', store]] as const) {
  const tracer = new Tracer({ store: s as any })
  const N = 300_000
  const c0 = process.cpuUsage()
  await new Promise<void>((resolve) => {
    let i = 0
    const step = () => {
      for (let k = 0; k < 1000; k++, i++) {
        const span = tracer.startSpan(`trace-${i >> 3}`, 'handler', 'Step', undefined, { step: 'Step', language: 'typescript', kind: 'event', attempt: 1 })
        tracer.endSpan(span)
      }
      if (i < N) setImmediate(step)
      else resolve()
    }
    step()
  })
  tracer.flush()
  const c = process.cpuUsage(c0)
  console.log(name, ((c.user + c.system) / N).toFixed(2), 'µs/span')
}
