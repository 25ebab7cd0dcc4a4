// `motia run` on a project whose .motia/ it cannot have: one error code per failure, a message that names the fix, no stack.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execa } from 'execa'
import { afterEach, describe, expect, it } from 'vitest'
import { copyFixture, motiaCli, startMotia } from '../helpers/motia-process.js'

const run = (project: string) => motiaCli(['run', '--project', project, '--port', '0'])

describe('motia run refuses a .motia/ it cannot use', () => {
  const mounts: string[] = []
  afterEach(async () => {
    for (const dir of mounts.splice(0)) await execa('umount', ['-l', dir], { reject: false })
  })

  it('a project another motia process runs: E_PROJECT_LOCKED, naming its pid', async () => {
    const project = copyFixture('basic')
    const first = await startMotia(project)
    try {
      const second = await run(project)
      expect(second.exitCode).toBe(1)
      expect(second.stderr).toBe(
        `motia: Another motia process (pid ${first.child.pid}) is running this project: it holds ${project}/.motia. Stop it first, or run this one with --memory.`,
      )
    } finally {
      await first.stop()
    }
  })

  it('a damaged motia.db: E_DATABASE_UNOPENABLE, saying to move it away or restore it', async () => {
    const project = copyFixture('basic')
    const dir = join(project, '.motia')
    mkdirSync(dir)
    writeFileSync(join(dir, 'motia.db'), 'this is not a SQLite database\n'.repeat(300))
    const result = await run(project)
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(
      `motia: Cannot open the database in ${dir} (SQLITE_NOTADB: file is not a database): ${dir}/motia.db is damaged or is not a motia database: move it away (its pending events and state are lost) or restore it from a backup, then start again.`,
    )
  })

  it('a .motia/ that cannot be written: E_DATABASE_UNOPENABLE, saying to make it writable', async () => {
    const project = copyFixture('basic')
    const dir = join(project, '.motia')
    mkdirSync(dir)
    // A read-only filesystem stops root too (these tests run as root, where permissions would not).
    const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir], { reject: false })
    if (mounted.exitCode === 0) mounts.push(dir)
    else console.warn(`cannot mount a read-only tmpfs (${mounted.stderr.trim()}): testing on a .motia that is a file instead`)
    const result = mounted.exitCode === 0 ? await run(project) : await runWithMotiaFile(project)
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^motia: Cannot open the database in ${escapeRegExp(dir)} \\((SQLITE_CANTOPEN|EEXIST)[^)]*\\): make ${escapeRegExp(dir)} a directory this user can write to, or run with --memory\\.$`))
  })
})

describe('motia run on a full disk', () => {
  const mounts: string[] = []
  afterEach(async () => {
    for (const dir of mounts.splice(0)) await execa('umount', ['-l', dir], { reject: false })
  })

  it('refuses to start with E_STORAGE_FULL, saying to free space', async (context) => {
    const project = copyFixture('basic')
    const dir = join(project, '.motia')
    mkdirSync(dir)
    const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { reject: false })
    // Without mount rights there is no full disk to start on (the SQLite cap is per connection, inside the app).
    if (mounted.exitCode !== 0) return context.skip()
    mounts.push(dir)
    await execa('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=4k'], { reject: false })
    const result = await run(project)
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe(`motia: The disk holding ${dir} is full (SQLITE_FULL: database or disk is full): free space on it, then start again.`)
  })
})

async function runWithMotiaFile(project: string) {
  const dir = join(project, '.motia')
  await execa('rmdir', [dir])
  writeFileSync(dir, '')
  return run(project)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
