// Every invocation has a deadline, and a finished invocation can no longer act (issue 9), under motia dev.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type LogLine, type MotiaProcess } from '../helpers/motia-process.js'

interface DeadLetter {
  stepName: string
  attempts: number
  data: Record<string, unknown>
  error: { type: string; message: string; code?: string; retryable: boolean }
}

describe('deadlines and ended invocations', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('deadlines'), { command: 'dev', env: { MOTIA_PYTHON_WORKERS: '2' } })
  })
  afterAll(async () => {
    await app?.stop()
  })

  const trigger = async (topic: string, body: object) => {
    const response = await fetch(`${app.url}/emit/${topic}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(response.status).toBe(202)
  }
  const stateOf = async (group: string) =>
    ((await (await fetch(`${app.url}/__motia/state/${group}`)).json()) as { key: string; value: unknown }[]).map((entry) => entry.key)
  const deadLetter = (stepName: string, id: string) =>
    eventually(async () => {
      const letters = (await (await fetch(`${app.url}/__motia/dlq`)).json()) as DeadLetter[]
      return letters.find((letter) => letter.stepName === stepName && letter.data.id === id)
    }, 20_000)
  const line = (match: (line: LogLine) => boolean) => app.waitForLine(match, 20_000)

  it('fails a TS handler that never resolves at its deadline, frees its fifo group, aborts ctx.signal, and refuses its late state and emit', async () => {
    await trigger('ts.hang', { id: 'ts-1', hang: true, group: 'g' })
    await trigger('ts.hang', { id: 'ts-2', group: 'g' })
    // The next message of the group runs once the first one's deadline freed the group.
    await eventually(async () => ((await stateOf('ran')).includes('ts-2') ? true : undefined), 20_000)
    const letter = await deadLetter('HangsFifoTs', 'ts-1')
    expect(letter).toMatchObject({ attempts: 1, error: { code: 'E_HANDLER_TIMEOUT' } })
    const aborted = await line((l) => l.step === 'HangsFifoTs' && l.msg === 'signal aborted')
    expect(aborted.reason).toBe('Step "HangsFifoTs" timed out after 1 s. Raise `infrastructure.handler.timeout` or make the handler faster.')
    const ended = (call: string) =>
      `Step "HangsFifoTs"'s invocation ended (timed out after 1 s): ${call} cannot run after that. Await context calls inside the handler, before it returns, and stop work when context.signal aborts.`
    await line((l) => l.step === 'HangsFifoTs' && l.msg === `late state.set: ${ended('context.state.set')}`)
    await line((l) => l.step === 'HangsFifoTs' && l.msg === `late emit: ${ended('context.emit')}`)
    expect(await stateOf('late')).toEqual([])
    expect(await stateOf('late-events')).toEqual([])
  })

  it("frees a hung sync Python handler's fifo group at its deadline; its thread's late state.set and emit never land", async () => {
    await trigger('py.hang.sync', { id: 'sync-1', hang: true, group: 'p' })
    await trigger('py.hang.sync', { id: 'sync-2', group: 'p' })
    await eventually(async () => ((await stateOf('ran')).includes('sync-2') ? true : undefined), 20_000)
    expect(await deadLetter('HangsSync', 'sync-1')).toMatchObject({ attempts: 1, error: { code: 'E_HANDLER_TIMEOUT' } })
    // Refused in the runner once it cancelled the task (or by the core, had the thread woken before the cancel arrived).
    const ended = 'Step "HangsSync"\'s invocation ended ('
    await line((l) => l.msg.startsWith(`late state.set: ${ended}`))
    await line((l) => l.msg.startsWith(`late emit: ${ended}`))
    expect(await stateOf('late')).toEqual([])
    expect(await stateOf('late-events')).toEqual([])
  })

  it('refuses the late state.set of a task an async Python handler left behind', async () => {
    await trigger('py.hang.async', { id: 'async-1', hang: true, group: 'a' })
    await trigger('py.hang.async', { id: 'async-2', group: 'a' })
    await eventually(async () => ((await stateOf('ran')).includes('async-2') ? true : undefined), 20_000)
    expect(await deadLetter('HangsAsync', 'async-1')).toMatchObject({ attempts: 1, error: { code: 'E_HANDLER_TIMEOUT' } })
    await line((l) => l.msg.startsWith('late state.set: Step "HangsAsync"\'s invocation ended (it was cancelled'))
    expect(await stateOf('late')).toEqual([])
  })

  it('fails an event delivery still running after its visibilityTimeout lease (E_LEASE_EXPIRED)', async () => {
    await trigger('ts.lease', { id: 'lease-1' })
    const letter = await deadLetter('OutlivesLease', 'lease-1')
    expect(letter.attempts).toBe(1)
    expect(letter.error).toMatchObject({
      code: 'E_LEASE_EXPIRED',
      message:
        'Step "OutlivesLease" still had the event after its delivery lease of 1 s (`infrastructure.queue.visibilityTimeout`): the delivery failed and will be retried. Raise `visibilityTimeout` or make the handler faster.',
    })
  })

  it("ignores a Python event handler's return value, even one msgpack cannot carry", async () => {
    await trigger('py.returns', { id: 'r-1', group: 'r' })
    await trigger('py.returns', { id: 'r-2', group: 'r' })
    // fifo: once r-2 ran, r-1's delivery has settled.
    await eventually(async () => ((await stateOf('returned')).includes('r-2') ? true : undefined), 20_000)
    const letters = (await (await fetch(`${app.url}/__motia/dlq`)).json()) as DeadLetter[]
    expect(letters.filter((letter) => letter.stepName === 'ReturnsObject')).toEqual([])
    expect(app.lines.filter((l) => l.step === 'ReturnsObject' && l.level === 'error')).toEqual([])
  })

  it('dead-letters an unserialisable Python emit at once, without retries (E_NOT_SERIALIZABLE)', async () => {
    await trigger('py.emits-object', { id: 'o-1' })
    const letter = await deadLetter('EmitsObject', 'o-1')
    expect(letter.attempts).toBe(1)
    expect(letter.error).toMatchObject({
      type: 'TypeError',
      code: 'E_NOT_SERIALIZABLE',
      message: 'cannot send a value of type object to the core: use JSON-like values',
      retryable: false,
    })
  })

  it('dead-letters an unserialisable TS emit at once, without retries (E_NOT_SERIALIZABLE)', async () => {
    await trigger('ts.bigint', { id: 'b-1' })
    const letter = await deadLetter('EmitsBigInt', 'b-1')
    expect(letter.attempts).toBe(1)
    expect(letter.error).toMatchObject({ code: 'E_NOT_SERIALIZABLE', retryable: false })
  })
})
