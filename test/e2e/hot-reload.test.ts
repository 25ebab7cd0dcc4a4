// `motia dev` reloads edited steps in-process: TS as fresh modules (with the project modules they
// import), Python on new runners while the old ones finish; a broken edit keeps the previous version.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, type LogLine, type MotiaProcess, startMotia } from '../helpers/motia-process.js'

const fixture = () => copyFixture('hot-reload')
const LONG = 60_000

/** The next log line (after those already seen) that matches. */
function nextLine(app: MotiaProcess, match: (line: LogLine) => boolean): Promise<LogLine> {
  const seen = app.lines.length
  return app.waitForLine((line) => app.lines.indexOf(line) >= seen && match(line), LONG)
}

async function startDev(dir: string): Promise<MotiaProcess> {
  const app = await startMotia(dir, { command: 'dev' })
  await app.waitForLine((line) => line.msg === 'Watching the project for changes (hot reload)', LONG)
  return app
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file)
  const text = readFileSync(path, 'utf8')
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`)
  writeFileSync(path, text.replace(from, to))
}

const getJson = async (app: MotiaProcess, path: string) => (await fetch(`${app.url}${path}`)).json() as Promise<Record<string, unknown>>
const devStatus = (app: MotiaProcess) => getJson(app, '/__motia/dev/status')

describe('hot reload in motia dev', () => {
  let app: MotiaProcess | undefined

  afterEach(async () => {
    await app?.stop()
    app = undefined
  })

  it('reloads an edited TS module and the steps that import it, and an edited Python step on new runners; each language alone', async () => {
    const dir = fixture()
    app = await startDev(dir)
    const loadedCount = () => app!.lines.filter((line) => line.msg === 'hello module loaded').length
    const { pid: firstPid } = await getJson(app, '/py')
    expect(loadedCount()).toBe(1)

    // A module that is no step file: the steps importing it see the edit.
    let reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded lib/greeting.ts'))
    edit(dir, 'lib/greeting.ts', 'hello v1', 'hello v2')
    expect((await reloaded).msg).toMatch(/^Reloaded lib\/greeting\.ts \(Finish, Hello, OpenGate, StartWork\) in \d+ ms$/)
    expect(await getJson(app, '/hello')).toEqual({ version: 'ts v1', greeting: 'hello v2' })
    expect(loadedCount()).toBe(2)
    // A TS change leaves the Python runners alone.
    expect((await getJson(app, '/py')).pid).toBe(firstPid)
    expect(await devStatus(app)).toMatchObject({ mode: 'dev', generation: 1, problems: [] })

    reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/version_step.py'))
    edit(dir, 'steps/version_step.py', 'py v1', 'py v2')
    expect((await reloaded).msg).toMatch(/^Reloaded steps\/version_step\.py \(PyVersion\) in \d+ ms$/)
    const python = await getJson(app, '/py')
    expect(python.version).toBe('py v2')
    expect(python.pid).not.toBe(firstPid)
    // A Python change imports no TS module again.
    expect(loadedCount()).toBe(2)
    expect(await devStatus(app)).toMatchObject({ generation: 2, problems: [] })
  }, 180_000)

  it('reloads a CommonJS project (no `"type": "module"`, as most Motia v0.x projects), step files and the modules they import', async () => {
    const dir = fixture()
    writeFileSync(join(dir, 'package.json'), '{ "name": "commonjs-project", "private": true }\n')
    app = await startDev(dir)
    let reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded lib/greeting.ts'))
    edit(dir, 'lib/greeting.ts', 'hello v1', 'hello v2')
    await reloaded
    expect(await getJson(app, '/hello')).toEqual({ version: 'ts v1', greeting: 'hello v2' })
    reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/hello.step.ts'))
    edit(dir, 'steps/hello.step.ts', "version: 'ts v1'", "version: 'ts v2'")
    await reloaded
    expect(await getJson(app, '/hello')).toEqual({ version: 'ts v2', greeting: 'hello v2' })
  }, 180_000)

  it('keeps the previous version of a file that no longer loads, says why, and loads it once fixed', async () => {
    const dir = fixture()
    app = await startDev(dir)

    let failed = nextLine(app, (line) => line.msg.startsWith('Could not reload steps/hello.step.ts'))
    edit(dir, 'steps/hello.step.ts', "version: 'ts v1'", "version: 'ts v2',,")
    expect((await failed).msg).toMatch(/^Could not reload steps\/hello\.step\.ts:9: could not be imported: .+; the previous version keeps serving$/)
    expect((await failed).level).toBe('error')
    expect(await getJson(app, '/hello')).toMatchObject({ version: 'ts v1' })
    const status = await devStatus(app)
    expect(status.problems).toEqual([expect.objectContaining({ filePath: 'steps/hello.step.ts', line: 9 })])

    let reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/hello.step.ts'))
    edit(dir, 'steps/hello.step.ts', "version: 'ts v2',,", "version: 'ts v3'")
    expect((await reloaded).msg).toMatch(/^Reloaded steps\/hello\.step\.ts \(Hello\) in \d+ ms$/)
    expect(await getJson(app, '/hello')).toMatchObject({ version: 'ts v3' })
    expect((await devStatus(app)).problems).toEqual([])

    // Python: the whole previous pool keeps serving while one of its files is broken.
    failed = nextLine(app, (line) => line.msg.startsWith('Could not reload steps/version_step.py'))
    edit(dir, 'steps/version_step.py', '"py v1"', '"py v2" +')
    expect((await failed).msg).toMatch(
      /^Could not reload steps\/version_step\.py:7: .+; the previous version keeps serving \(the previous Python runners keep serving every Python step\)$/,
    )
    expect(await getJson(app, '/py')).toMatchObject({ version: 'py v1' })
    reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/version_step.py'))
    edit(dir, 'steps/version_step.py', '"py v2" +', '"py v3"')
    await reloaded
    expect(await getJson(app, '/py')).toMatchObject({ version: 'py v3' })
    expect((await devStatus(app)).problems).toEqual([])
  }, 180_000)

  it('serves an added step on save, stops a removed one, and refuses a route clash or a topic contradiction', async () => {
    const dir = fixture()
    app = await startDev(dir)
    const bye = join(dir, 'steps/bye.step.ts')

    let line = nextLine(app, (l) => l.msg.startsWith('Added steps/bye.step.ts'))
    writeFileSync(bye, "export const config = { type: 'api', name: 'Bye', path: '/bye', method: 'GET', emits: [], flows: ['greetings'] }\nexport const handler = async () => ({ status: 200, body: { bye: true } })\n")
    expect((await line).msg).toBe('Added steps/bye.step.ts (Bye)')
    expect(await getJson(app, '/bye')).toEqual({ bye: true })
    expect(JSON.stringify(await getJson(app, '/__motia/flows'))).toContain('Bye')

    line = nextLine(app, (l) => l.msg.startsWith('Removed steps/bye.step.ts'))
    rmSync(bye)
    expect((await line).msg).toBe('Removed steps/bye.step.ts (Bye)')
    expect((await fetch(`${app.url}/bye`)).status).toBe(404)

    // A stream file and a step that uses it, saved together: both serve.
    line = nextLine(app, (l) => l.msg.startsWith('Added steps/notes.stream.ts'))
    writeFileSync(join(dir, 'steps/notes.stream.ts'), "export const config = { name: 'notes', schema: { type: 'object', properties: { text: { type: 'string' } } }, baseConfig: { storageType: 'default' } }\n")
    writeFileSync(
      join(dir, 'steps/note.step.ts'),
      "export const config = { type: 'api', name: 'Note', path: '/note', method: 'POST', emits: [] }\nexport const handler = async (_req, { streams }) => ({ status: 200, body: await streams.notes.set('g', 'n1', { text: 'hi' }) })\n",
    )
    expect((await line).msg).toBe('Added steps/notes.stream.ts (notes)')
    await expect.poll(async () => (await fetch(`${app!.url}/note`, { method: 'POST' })).status, { timeout: LONG }).toBe(200)
    expect(await (await fetch(`${app.url}/note`, { method: 'POST' })).json()).toMatchObject({ id: 'n1', text: 'hi' })

    // A second step on GET /hello: refused, Hello keeps the route.
    line = nextLine(app, (l) => l.msg.startsWith('Could not reload steps/clash.step.ts'))
    writeFileSync(join(dir, 'steps/clash.step.ts'), "export const config = { type: 'api', name: 'Clash', path: '/hello', method: 'GET', emits: [] }\nexport const handler = async () => ({ status: 200, body: 'clash' })\n")
    expect((await line).msg).toBe(
      'Could not reload steps/clash.step.ts: route GET /hello is already served by steps/hello.step.ts (step "Hello" at GET /hello): give one of them another path or method; saving the fixed file loads it',
    )
    expect(await getJson(app, '/hello')).toMatchObject({ version: 'ts v1' })
    expect((await devStatus(app)).problems).toEqual([expect.objectContaining({ filePath: 'steps/clash.step.ts' })])
    rmSync(join(dir, 'steps/clash.step.ts'))
    await expect.poll(async () => (await devStatus(app!)).problems, { timeout: LONG }).toEqual([])

    // Two subscribers of work.py whose schemas no event satisfies both: refused like a broken edit.
    line = nextLine(app, (l) => l.msg.startsWith('Reloaded steps/finish.step.ts'))
    edit(dir, 'steps/finish.step.ts', "emits: [] }", "emits: [], input: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } }")
    await line
    line = nextLine(app, (l) => l.msg.startsWith('Could not reload steps/audit.step.ts'))
    writeFileSync(
      join(dir, 'steps/audit.step.ts'),
      "export const config = { type: 'event', name: 'Audit', subscribes: ['work.py'], emits: [], input: { type: 'object', properties: { id: { type: 'number' } }, required: ['id'] } }\nexport const handler = async () => {}\n",
    )
    expect((await line).msg).toMatch(/^Could not reload steps\/audit\.step\.ts: .*work\.py.*; saving the fixed file loads it$/)
  }, 180_000)

  it('keeps the stored events of a removed event step, and delivers them once it is back; cron steps start and stop with their files', async () => {
    const dir = fixture()
    // One delivery at a time, held until the gate opens: the next ones stay stored.
    const finish = join(dir, 'steps/finish.step.ts')
    const gated = readFileSync(finish, 'utf8')
      .replace("emits: [] }", "emits: [], infrastructure: { queue: { concurrency: 1 } } }")
      .replace('const { id, via }', "while ((await state.get('gate', 'open')) === null) await new Promise((resolve) => setTimeout(resolve, 20))\n  const { id, via }")
    writeFileSync(finish, gated)
    app = await startDev(dir)
    const done = async () => ((await getJson(app!, '/__motia/state/done')) as unknown as unknown[]).length
    const held = async () => (await getJson(app!, '/__motia/queue')).held

    for (const id of ['w1', 'w2', 'w3']) expect((await fetch(`${app.url}/work/${id}`, { method: 'POST' })).status).toBe(202)
    await expect.poll(held, { timeout: LONG }).toBe(3)
    const removed = nextLine(app, (line) => line.msg.startsWith('Removed steps/finish.step.ts'))
    rmSync(finish)
    expect((await removed).msg).toBe('Removed steps/finish.step.ts (Finish)')
    // The delivery in flight finishes on the removed version; the two stored wait.
    expect((await fetch(`${app.url}/gate`, { method: 'POST' })).status).toBe(204)
    await expect.poll(async () => [await done(), await held()], { timeout: LONG }).toEqual([1, 2])

    const added = nextLine(app, (line) => line.msg.startsWith('Added steps/finish.step.ts'))
    writeFileSync(finish, gated)
    await added
    await expect.poll(async () => [await done(), await held()], { timeout: LONG }).toEqual([3, 0])

    // A cron step ticks once saved, and stops once deleted.
    const tick = join(dir, 'steps/tick.step.ts')
    const addedCron = nextLine(app, (line) => line.msg.startsWith('Added steps/tick.step.ts'))
    writeFileSync(tick, "export const config = { type: 'cron', name: 'Tick', cron: '* * * * * *', emits: [] }\nexport const handler = async ({ state }) => { await state.set('ticks', String(Date.now()), 1) }\n")
    expect((await addedCron).msg).toBe('Added steps/tick.step.ts (Tick)')
    await expect.poll(async () => ((await getJson(app!, '/__motia/state/ticks')) as unknown as unknown[]).length, { timeout: LONG }).toBeGreaterThan(0)
    const removedCron = nextLine(app, (line) => line.msg.startsWith('Removed steps/tick.step.ts'))
    rmSync(tick)
    await removedCron
    expect((await devStatus(app)).problems).toEqual([])
  }, 180_000)

  it('lets a Python invocation in flight finish on the replaced runners, and serves the next one from the new', async () => {
    const dir = fixture()
    app = await startDev(dir)
    const inFlight = fetch(`${app.url}/slow`).then((response) => response.json())
    // The invocation holds a runner of the current pool until the gate opens.
    await expect.poll(async () => JSON.stringify(await getJson(app!, '/__motia/state/gate')), { timeout: LONG }).toContain('waiting')
    const reloaded = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/slow_step.py'))
    edit(dir, 'steps/slow_step.py', 'slow v1', 'slow v2')
    await reloaded
    expect((await fetch(`${app.url}/gate`, { method: 'POST' })).status).toBe(204)
    expect(await inFlight).toEqual({ version: 'slow v1' })
    expect(await getJson(app, '/slow')).toEqual({ version: 'slow v2' })
  }, 180_000)

  it('starts with a broken step: serves the others, reports it, and loads it once fixed; `motia run` refuses to start', async () => {
    const dir = fixture()
    writeFileSync(join(dir, 'steps/broken.step.ts'), "export const config = { type: 'api', name: 'Broken', path: '/broken', method: 'GET', emits: [] }\nexport const handler = async () => ({ status: 200, body: 'fixed' })\nthis is not TypeScript\n")
    app = await startDev(dir)
    const reported = app.lines.find((line) => line.msg.startsWith('Could not load steps/broken.step.ts'))
    expect(reported?.msg).toMatch(/^Could not load steps\/broken\.step\.ts:3: could not be imported: .+; the other steps serve, and saving the fixed file loads it$/)
    expect(await getJson(app, '/hello')).toMatchObject({ version: 'ts v1' })
    expect((await devStatus(app)).problems).toEqual([expect.objectContaining({ filePath: 'steps/broken.step.ts', line: 3 })])

    const added = nextLine(app, (line) => line.msg.startsWith('Added steps/broken.step.ts'))
    edit(dir, 'steps/broken.step.ts', 'this is not TypeScript', '')
    expect((await added).msg).toBe('Added steps/broken.step.ts (Broken)')
    expect(await (await fetch(`${app.url}/broken`)).text()).toBe('fixed')
    expect((await devStatus(app)).problems).toEqual([])
    await app.stop()

    edit(dir, 'steps/broken.step.ts', "'fixed' })", "'fixed' })\nthis is not TypeScript")
    app = undefined
    await expect(startMotia(dir, { command: 'run' })).rejects.toThrow(/steps\/broken\.step\.ts:3: could not be imported/)
    // `motia dev --no-watch` (what the Python test kit runs): no hot reload, so all-or-nothing as `run`.
    await expect(startMotia(dir, { command: 'dev', args: ['--no-watch'] })).rejects.toThrow(/steps\/broken\.step\.ts:3: could not be imported/)
  }, 180_000)

  it('restarts the app on the same port when motia.config.ts changes', async () => {
    const dir = fixture()
    app = await startDev(dir)
    const restarted = nextLine(app, (line) => line.msg.startsWith('Ready on '))
    writeFileSync(join(dir, 'motia.config.ts'), 'export default {}\n')
    await restarted
    expect(app.lines.filter((line) => line.msg === 'motia.config.ts changed: restarting the app on the same port (stored events are kept)')).toHaveLength(1)
    expect((await restarted).msg).toBe(`Ready on ${app.url}`)
    expect(await getJson(app, '/hello')).toMatchObject({ version: 'ts v1' })
    expect(await devStatus(app)).toMatchObject({ generation: 1 })
  }, 180_000)
})
