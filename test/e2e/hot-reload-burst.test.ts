// No accepted event is lost across reloads: a burst of API calls flows TS -> Python -> TS while the TS
// and the Python steps of the chain are edited several times; every call's event ends in state.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, type LogLine, type MotiaProcess, startMotia } from '../helpers/motia-process.js'

const LONG = 120_000
const MIN_CALLS = 300
const EDITS_PER_LANGUAGE = 3

function nextLine(app: MotiaProcess, match: (line: LogLine) => boolean): Promise<LogLine> {
  const seen = app.lines.length
  return app.waitForLine((line) => app.lines.indexOf(line) >= seen && match(line), LONG)
}

function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file)
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to))
}

describe('hot reload under load', () => {
  let app: MotiaProcess | undefined

  afterEach(async () => {
    await app?.stop()
    app = undefined
  })

  it('handles every accepted event while the TS and the Python steps of a TS -> Python -> TS chain are edited', async () => {
    const dir = copyFixture('hot-reload')
    app = await startMotia(dir, { command: 'dev' })
    await app.waitForLine((line) => line.msg === 'Watching the project for changes (hot reload)', LONG)
    const url = app.url

    // Calls go on while editing, then until MIN_CALLS, and 40 more for the last version.
    let target = Number.POSITIVE_INFINITY
    const statuses: number[] = []
    const fire = async (): Promise<void> => {
      while (statuses.length < target) {
        const id = `e${statuses.length}`
        statuses.push(0)
        const index = statuses.length - 1
        const response = await fetch(`${url}/work/${id}`, { method: 'POST' })
        statuses[index] = response.status
        await response.arrayBuffer()
      }
    }
    const burst = Promise.all(Array.from({ length: 8 }, fire))

    for (let version = 2; version <= EDITS_PER_LANGUAGE + 1; version++) {
      const ts = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/start-work.step.ts'))
      edit(dir, 'steps/start-work.step.ts', `start v${version - 1}`, `start v${version}`)
      await ts
      const python = nextLine(app, (line) => line.msg.startsWith('Reloaded steps/relay_step.py'))
      edit(dir, 'steps/relay_step.py', `relay v${version - 1}`, `relay v${version}`)
      await python
    }
    target = Math.max(MIN_CALLS, statuses.length + 40)
    await burst

    expect(statuses.length).toBeGreaterThanOrEqual(MIN_CALLS)
    expect(statuses.filter((status) => status !== 202)).toEqual([])
    const done = async () => ((await (await fetch(`${url}/__motia/state/done`)).json()) as { key: string; value: { via: string } }[])
    await expect.poll(async () => (await done()).length, { timeout: LONG, interval: 200 }).toBe(statuses.length)
    const entries = await done()
    expect(new Set(entries.map((entry) => entry.key)).size).toBe(statuses.length)
    // Both the first and the last Python version handled some of them.
    const versions = new Set(entries.map((entry) => entry.value.via))
    expect(versions.has('relay v1')).toBe(true)
    expect(versions.has(`relay v${EDITS_PER_LANGUAGE + 1}`)).toBe(true)
    expect(await (await fetch(`${url}/__motia/dlq`)).json()).toEqual([])
    expect(app.lines.filter((line) => line.level === 'error')).toEqual([])
  }, 300_000)
})
