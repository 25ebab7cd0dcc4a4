// A real app whose .motia/ sits on a tiny tmpfs that fills up: requests are answered (507), nothing crashes,
// and once space is freed new requests succeed and the events acknowledged meanwhile are not delivered again.
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterAll, describe, expect, it } from 'vitest'
import { copyFixture, startMotia, type LogLine, type MotiaProcess } from '../helpers/motia-process.js'

const mounts: string[] = []
afterAll(async () => {
  for (const dir of mounts) await execa('umount', ['-l', dir], { reject: false })
})

// A 2 MiB tmpfs for .motia; where mounting is not permitted (not root, no CAP_SYS_ADMIN) the test is skipped.
async function mountTinyDisk(dir: string): Promise<boolean> {
  mkdirSync(dir, { recursive: true })
  const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { reject: false })
  if (mounted.exitCode !== 0) return false
  mounts.push(dir)
  return true
}

// Writes page-sized chunks until the filesystem says ENOSPC.
function fill(file: string): void {
  const fd = openSync(file, 'w')
  const page = Buffer.alloc(4096, 1)
  try {
    for (;;) writeSync(fd, page)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    closeSync(fd)
  }
}

const post = (app: MotiaProcess, path: string, body: unknown) =>
  fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

const handled = (n: number) => (line: LogLine) => line.msg === 'handled item' && line.n === n
const numbersOf = (app: MotiaProcess, msg: string) => app.lines.filter((line) => line.msg === msg).map((line) => line.n)

describe('.motia/ on a full disk', () => {
  it('answers 507 instead of hanging, keeps acks until space returns, and redelivers nothing after a restart', async (context) => {
    const project = copyFixture('storage-full')
    const motiaDir = join(project, '.motia')
    if (!(await mountTinyDisk(motiaDir))) {
      // A PRAGMA max_page_count cap gives the same SQLITE_FULL: test/adapters/sqlite/write-batcher-settles.test.ts.
      context.skip()
      return
    }
    const filler = join(motiaDir, 'filler')

    const app = await startMotia(project)
    let stopped: { exitCode?: number }
    try {
      for (const n of [1, 2]) expect((await post(app, '/items', { n })).status).toBe(202)
      await app.waitForLine(handled(2))
      // Stored now, acknowledged only once the disk is full (they wait for the release file).
      for (const n of [3, 4, 5]) expect((await post(app, '/items', { n, hold: true })).status).toBe(202)
      await app.waitForLine((line) => line.msg === 'handling item' && line.n === 3)

      fill(filler)
      const answers = await Promise.all([...Array(12).keys()].map((i) => post(app, '/items', { n: 100 + i })))
      for (const answer of answers) {
        expect(answer.status).toBe(507)
        expect(await answer.json()).toMatchObject({ code: 'E_STORAGE_FULL', message: expect.stringContaining(`The disk holding ${motiaDir} is full`) })
      }
      const note = await post(app, '/notes', { text: 'no room' })
      expect(note.status).toBe(507)
      expect(await note.json()).toMatchObject({ code: 'E_STORAGE_FULL' })

      // Handled and acknowledged while nothing can be written: the acks are kept, not dropped.
      writeFileSync(join(project, 'release'), '')
      await app.waitForLine(handled(5))
      // Said once by the app itself (step "motia"), not by a request.
      await app.waitForLine((line) => line.step === 'motia' && line.level === 'error' && line.code === 'E_STORAGE_FULL')

      rmSync(filler)
      expect((await post(app, '/items', { n: 6 })).status).toBe(202)
      await app.waitForLine(handled(6))
      expect((await post(app, '/notes', { text: 'room again' })).status).toBe(200)
      expect(numbersOf(app, 'handled item')).toEqual([1, 2, 3, 4, 5, 6])
      expect(app.child.exitCode).toBeNull()
    } finally {
      writeFileSync(join(project, 'release'), '')
      rmSync(filler, { force: true })
      stopped = await app.stop()
    }
    expect(stopped.exitCode).toBe(0)

    // fifo in one group: anything redelivered would be handled before this newer event.
    const again = await startMotia(project)
    try {
      expect((await post(again, '/items', { n: 7 })).status).toBe(202)
      await again.waitForLine(handled(7))
      expect(numbersOf(again, 'handling item')).toEqual([7])
    } finally {
      await again.stop()
    }
  })
})
