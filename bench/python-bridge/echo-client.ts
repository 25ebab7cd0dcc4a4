import { execa } from 'execa'
import { encodeWithRoom, decode } from '../../src/languages/python/codec.js'
import { FrameDecoder, HEADER_BYTES, writeFrameHeader } from '../../src/languages/python/framing.js'

/**
 * Drives `echo.py` with the core's own codec and framing: `total` calls, `window` in flight,
 * writes coalesced per tick as the runner session does. Returns per-call round trips in ms.
 */
export async function runEcho(python: string, total: number, window: number, payload: unknown): Promise<{ latencies: number[]; seconds: number }> {
  const child = execa(python, [new URL('./echo.py', import.meta.url).pathname], { stdin: 'pipe', stdout: 'pipe', stderr: 'inherit', buffer: false })
  const sentAt = new Float64Array(total + 1)
  const latencies: number[] = []
  let nextId = 1
  let outbox: Uint8Array[] = []
  let scheduled = false
  let done!: () => void
  const finished = new Promise<void>((resolve) => (done = resolve))

  const flush = () => {
    scheduled = false
    child.stdin!.write(Buffer.concat(outbox))
    outbox = []
  }
  const send = () => {
    const id = nextId++
    const frame = encodeWithRoom({ type: 'call', id, method: 'echo', params: payload }, HEADER_BYTES)
    writeFrameHeader(frame)
    sentAt[id] = performance.now()
    outbox.push(frame)
    if (!scheduled) {
      scheduled = true
      queueMicrotask(flush)
    }
  }
  const decoder = new FrameDecoder((bytes, start, end) => {
    const message = decode(bytes, start, end) as { id: number }
    latencies.push(performance.now() - sentAt[message.id]!)
    if (nextId <= total) send()
    else if (latencies.length === total) done()
  })
  child.stdout!.on('data', (chunk: Buffer) => decoder.push(chunk))

  const t0 = performance.now()
  for (let i = 0; i < Math.min(window, total); i++) send()
  await finished
  const seconds = (performance.now() - t0) / 1000
  child.stdin!.end()
  await child.catch(() => undefined)
  return { latencies, seconds }
}
