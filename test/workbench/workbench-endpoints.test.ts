// `motia dev`'s Workbench endpoints on a real app: node positions in motia-workbench.json, and the live logs.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MotiaApp } from '../../src/engine/app.js'
import { NodeLanguage } from '../../src/languages/node/index.js'
import { copyFixture } from '../helpers/motia-process.js'

let app: MotiaApp | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

async function startApp(mode: 'dev' | 'run' = 'dev', graceMs = 2_000): Promise<{ base: string; root: string }> {
  const root = copyFixture('workbench-tiny')
  app = new MotiaApp({ root, mode, port: 0, host: '127.0.0.1', memory: true, logLevel: 'debug', graceMs, languages: [new NodeLanguage()], adminToken: mode === 'run' ? 'secret' : undefined })
  const { port } = await app.start()
  return { base: `http://127.0.0.1:${port}`, root }
}

interface LogsAnswer {
  logs: { seq: number; msg: string; traceId: string; [key: string]: unknown }[]
  last: number
}
const logsOf = async (url: string) => (await (await fetch(url)).json()) as LogsAnswer
const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error

const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('GET|POST /__motia/flows/:id/config', () => {
  it("reads and saves a flow's node positions in motia-workbench.json", async () => {
    const { base, root } = await startApp()
    expect(await (await fetch(`${base}/__motia/flows/tiny/config`)).json()).toEqual({})
    const saved = await fetch(`${base}/__motia/flows/tiny/config`, post({ 'steps/hello.step.ts': { x: 120, y: 40 } }))
    expect([saved.status, await saved.json()]).toEqual([200, { success: true }])
    expect(JSON.parse(readFileSync(join(root, 'motia-workbench.json'), 'utf8'))).toEqual([{ id: 'tiny', config: { 'steps/hello.step.ts': { x: 120, y: 40 } } }])
    expect(await (await fetch(`${base}/__motia/flows/tiny/config`)).json()).toEqual({ 'steps/hello.step.ts': { x: 120, y: 40 } })
  })

  it('answers 400 to a bad body and 404 to an unknown flow, writing nothing', async () => {
    const { base, root } = await startApp()
    const bad = await fetch(`${base}/__motia/flows/tiny/config`, post({ 'steps/hello.step.ts': { x: 'left' } }))
    expect(bad.status).toBe(400)
    expect(await errorOf(bad)).toBe(
      'Invalid position for "steps/hello.step.ts": `x` and `y` must be finite numbers. Send `{ "<step file path>": { "x": number, "y": number, "sourceHandlePosition"?: string } }` with `Content-Type: application/json`.',
    )
    const unknown = await fetch(`${base}/__motia/flows/nope/config`, post({}))
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'No flow named "nope": GET /__motia/flows lists them.' }])
    expect(existsSync(join(root, 'motia-workbench.json'))).toBe(false)
  })

  it('is not served by `motia run`', async () => {
    const { base } = await startApp('run')
    const response = await fetch(`${base}/__motia/flows/tiny/config`, { headers: { authorization: 'Bearer secret' } })
    expect(response.status).toBe(404)
    expect((await fetch(`${base}/__motia/logs`, { headers: { authorization: 'Bearer secret' } })).status).toBe(404)
  })
})

describe('GET /__motia/logs and /__motia/logs/stream', () => {
  it('serves the held records, filtered by step and minimum level, after a seq', async () => {
    const { base } = await startApp()
    await fetch(`${base}/hello`)
    const byStep = await logsOf(`${base}/__motia/logs?step=Hello`)
    expect(byStep.logs.map((line) => line.msg)).toEqual(['Hello details', 'Said hello'])
    const said = byStep.logs[1]
    expect(said).toMatchObject({ level: 'info', step: 'Hello', msg: 'Said hello', to: 'Ada' })
    expect(said!.traceId).toMatch(/./)
    const info = await logsOf(`${base}/__motia/logs?step=Hello&level=info`)
    expect(info.logs.map((line) => line.msg)).toEqual(['Said hello'])
    const byTrace = await logsOf(`${base}/__motia/logs?traceId=${said!.traceId}`)
    expect(byTrace.logs.map((line) => line.msg)).toEqual(['Hello details', 'Said hello'])
    expect((await logsOf(`${base}/__motia/logs?after=${said!.seq}&step=Hello`)).logs).toEqual([])
  })

  it('answers 400 naming the fix to a bad level or seq', async () => {
    const { base } = await startApp()
    const level = await fetch(`${base}/__motia/logs?level=loud`)
    expect([level.status, await level.json()]).toEqual([400, { error: 'Invalid `level`: "loud". Use one of debug, info, warn, error.' }])
    const after = await fetch(`${base}/__motia/logs/stream?after=-1`)
    expect([after.status, await after.json()]).toEqual([
      400,
      { error: 'Invalid `after`: "-1". Pass the `last` of a previous answer (an integer >= 0), or leave it out.' },
    ])
  })

  it('refuses a cross-origin page, as every admin endpoint does', async () => {
    const { base } = await startApp()
    const response = await fetch(`${base}/__motia/logs/stream`, { headers: { origin: 'http://evil.example' } })
    expect(response.status).toBe(403)
    const saved = await fetch(`${base}/__motia/flows/tiny/config`, { ...post({}), headers: { 'content-type': 'application/json', origin: 'http://evil.example' } })
    expect(saved.status).toBe(403)
  })

  it('streams new records live as text/event-stream, and ends the stream at shutdown well within the grace period', async () => {
    const { base } = await startApp('dev', 120_000)
    const response = await fetch(`${base}/__motia/logs/stream?step=Hello&level=info`)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    await fetch(`${base}/hello`)
    let text = ''
    while (!text.includes('"msg":"Said hello"')) text += (await reader.read()).value
    expect(text).not.toContain('Hello details')
    // With a 2-minute grace, close() returns before this test's timeout only if it ends the open stream itself.
    await app!.close()
    let done = false
    while (!done) done = (await reader.read()).done
    expect(done).toBe(true)
  }, 30_000)
})
