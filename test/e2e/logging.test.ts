import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type LogLine, type MotiaProcess } from '../helpers/motia-process.js'

const DROPPED = /^(\d+) log lines? dropped: the output was not read fast enough$/

describe('logging in a real app process', () => {
  let app: MotiaProcess | undefined

  afterEach(async () => {
    await app?.stop()
    app = undefined
  })

  it('keeps serving while nobody reads its stdout, then says how many lines it dropped', async () => {
    app = await startMotia(copyFixture('logging'))
    const get = (path: string) => fetch(`${app!.url}${path}`, { signal: AbortSignal.timeout(20_000) })

    // Nobody reads the pipe: once our side's buffer and the kernel's are full, every write would block.
    app.child.stdout!.pause()
    // About 10 MB of log lines: more than the pipe and the sink's bound hold together.
    const flood = await get('/flood?lines=5000&size=2000')
    expect(flood.status).toBe(200)
    for (let i = 0; i < 3; i++) {
      const ping = await get('/ping')
      expect(await ping.json()).toEqual({ pong: true })
    }

    app.child.stdout!.resume()
    const notice = await app.waitForLine((line) => DROPPED.test(line.msg), 30_000)
    expect(notice).toMatchObject({ level: 'warn', step: 'motia' })
    const floodLines = app.lines.filter((line) => line.msg.startsWith('flood '))
    // What was kept is the start of the flood, in order; the notice follows it and counts the rest.
    expect(floodLines.map((line) => line.msg)).toEqual(floodLines.map((_, i) => `flood ${i}`))
    expect(floodLines.length).toBeLessThan(5000)
    expect(Number(DROPPED.exec(notice.msg)![1])).toBeGreaterThanOrEqual(5000 - floodLines.length)
    expect(app.lines.indexOf(notice)).toBeGreaterThan(app.lines.indexOf(floodLines.at(-1)!))

    // Logging goes on once the reader has caught up.
    await get('/flood?lines=1&size=1')
    await app.waitForLine((line) => line.msg === 'flood 0' && app!.lines.indexOf(line) > app!.lines.indexOf(notice))
  })

  it('turns console calls in a step, its middleware and the code it calls into log lines of that step', async () => {
    app = await startMotia(copyFixture('logging'))
    const response = await fetch(`${app.url}/console`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"item":"tea"}' })
    expect(response.status).toBe(200)
    const warned = await app.waitForLine((line) => line.step === 'ConsoleEvent')
    const lines = app.lines.filter((line) => line.step === 'ConsoleApi')
    const pick = ({ level, step, msg }: LogLine) => ({ level, step, msg })
    expect(lines.map(pick)).toEqual([
      { level: 'info', step: 'ConsoleApi', msg: 'middleware saw the request' },
      { level: 'info', step: 'ConsoleApi', msg: "order 7 for ada { rush: true }" },
      { level: 'error', step: 'ConsoleApi', msg: 'helper got {"item":"tea"}' },
      { level: 'debug', step: 'ConsoleApi', msg: 'debug after a timer' },
    ])
    expect(pick(warned)).toEqual({ level: 'warn', step: 'ConsoleEvent', msg: 'event step got { id: 7 }' })
    // One trace: the request's, carried by the emit to the event step.
    const traceId = lines[0]!.traceId
    expect(traceId).toMatch(/\S/)
    for (const line of [...lines, warned]) expect(line.traceId).toBe(traceId)
    // Outside any step, console writes as before: plain text.
    expect(app.lines).toContainEqual({ time: '', level: 'raw', step: null, traceId: null, msg: 'ping step imported' })
  })

  it('writes the lines a step logged before it called process.exit', async () => {
    app = await startMotia(copyFixture('logging'))
    await fetch(`${app.url}/exit`, { method: 'POST' }).catch(() => undefined)
    const result = await app.child
    expect(result.exitCode).toBe(3)
    expect(app.lines.map(({ step, msg }) => ({ step, msg }))).toEqual(
      expect.arrayContaining([
        { step: 'Exit', msg: 'last words before exit' },
        { step: 'Exit', msg: 'printed before exit' },
      ]),
    )
  })
})
