import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, eventually, startMotia, type MotiaProcess } from '../helpers/motia-process.js'

interface DeadLetter {
  id: string
  stepName: string
  topic: string
  attempts: number
  data: Record<string, unknown>
  error: { type: string; message: string; traceback?: string; code?: string }
}

describe('Python event steps that misbehave, under motia dev', () => {
  let app: MotiaProcess

  beforeAll(async () => {
    app = await startMotia(copyFixture('python-failures'), { command: 'dev', env: { MOTIA_PYTHON_WORKERS: '2' } })
  })
  afterAll(async () => {
    await app?.stop()
  })

  const trigger = async (topic: string, body: object) => {
    const response = await fetch(`${app.url}/trigger/${topic}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect(response.status).toBe(202)
    return ((await response.json()) as { traceId: string }).traceId
  }
  const deadLetter = (traceId: string) =>
    eventually(async () => {
      const letters = (await (await fetch(`${app.url}/__motia/dlq`)).json()) as DeadLetter[]
      return letters.find((letter) => letter.data.traceId === traceId)
    }, 20_000)

  it('retries a handler that raises, then dead-letters it with the Python type, message and traceback', async () => {
    const traceId = await trigger('py.raise', { n: 7 })
    const letter = await deadLetter(traceId)
    expect(letter).toMatchObject({ stepName: 'Raises', topic: 'py.raise', attempts: 2 })
    expect(letter.error.type).toBe('ValueError')
    expect(letter.error.message).toBe('bad value 7')
    expect(letter.error.traceback).toContain('raises_step.py')
    expect(letter.error.traceback).toContain('raise ValueError')
    expect(app.lines.filter((l) => l.step === 'Raises' && l.msg === 'raising now' && l.traceId === traceId)).toHaveLength(2)
  })

  it('cancels a handler that hangs past its timeout, retries it, then dead-letters it', async () => {
    const traceId = await trigger('py.hang', {})
    const letter = await deadLetter(traceId)
    expect(letter).toMatchObject({ stepName: 'Hangs', attempts: 2 })
    expect(letter.error.code).toBe('E_HANDLER_TIMEOUT')
    expect(letter.error.message).toContain('Step "Hangs" timed out after 1 s')
    await eventually(async () => (app.lines.filter((l) => l.step === 'Hangs' && l.msg === 'cancelled' && l.traceId === traceId).length === 2 ? true : undefined))
  })

  it('replaces a runner killed with SIGKILL mid-invocation and retries the lost invocation', async () => {
    const traceId = await trigger('py.kill', {})
    const survived = await eventually(async () => {
      const entries = (await (await fetch(`${app.url}/__motia/state/survived`)).json()) as { key: string; value: unknown }[]
      return entries.find((entry) => entry.key === traceId)
    }, 20_000)
    expect(survived.value).toBe(true)
    const kills = (await (await fetch(`${app.url}/__motia/state/kills`)).json()) as { key: string; value: number }[]
    expect(kills.find((entry) => entry.key === traceId)?.value).toBe(2)
  })

  it('turns print(), raw fd 1 writes and stderr into log lines without corrupting the channel', async () => {
    const traceId = await trigger('py.print', { word: 'there' })
    await app.waitForLine((l) => l.step === 'Prints' && l.msg === 'printed' && l.traceId === traceId)
    await app.waitForLine((l) => l.msg.includes('hello from print there'))
    await app.waitForLine((l) => l.msg.includes('raw bytes on fd 1'))
    await app.waitForLine((l) => l.msg.includes('a line on stderr'))
    const printed = app.lines.find((l) => l.msg.includes('hello from print there'))!
    expect(printed.step).toBe('Prints')
    // The channel still works after all that.
    const again = await trigger('py.print', { word: 'again' })
    await app.waitForLine((l) => l.step === 'Prints' && l.msg === 'printed' && l.traceId === again)
  })
})
