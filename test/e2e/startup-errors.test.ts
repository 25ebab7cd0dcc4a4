import { describe, expect, it } from 'vitest'
import { execa } from 'execa'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MOTIA_BIN, REPO, copyFixture, motiaCli, startMotia } from '../helpers/motia-process.js'

describe('motia run on a project with bad step files', () => {
  it('refuses to start and prints every problem with its file, never a stack trace', async () => {
    const project = copyFixture('broken')
    const result = await execa('node', [MOTIA_BIN, 'run', '--project', project, '--port', '0'], { reject: false, timeout: 30_000 })
    expect(result.exitCode).toBe(1)
    const out = result.stderr
    expect(out).toContain('steps/no-name.step.ts')
    expect(out).toContain('steps/weird-type.step.ts')
    expect(out).toContain('steps/bad-cron.step.ts')
    expect(out).toContain('steps/not-a-schema.step.ts')
    expect(out).toContain('steps/syntax.step.ts')
    expect(out).toMatch(/steps\/dup-a\.step\.ts[\s\S]*Twin|Twin[\s\S]*steps\/nested\/dup-b\.step\.ts/)
    expect(out).toMatch(/GET \/users\/:(id|userId)/)
    expect(out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/)
  })
})

describe('motia run on a project without step files', () => {
  const emptyProject = (withFolders: boolean) => {
    mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
    const dir = mkdtempSync(join(REPO, '.tmp-tests', 'empty-'))
    if (withFolders) {
      mkdirSync(join(dir, 'src'))
      writeFileSync(join(dir, 'src/util.ts'), 'export const x = 1\n')
    }
    return dir
  }

  it.each([
    ['neither steps/ nor src/', false],
    ['a src/ with no step file', true],
  ])('starts, and warns that no step file was found, when the project has %s', async (_name, withFolders) => {
    const project = emptyProject(withFolders)
    const app = await startMotia(project, { args: ['--memory'] })
    try {
      const warning = app.lines.find((line) => line.level === 'warn')
      expect(warning?.msg).toBe(
        `No step files found under ${project}/steps or ${project}/src (*.step.ts, *.step.js, *_step.py, ...): the app serves nothing. Is --project the right folder?`,
      )
      expect((await fetch(`${app.url}/anything`)).status).toBe(404)
    } finally {
      await app.stop()
    }
  })
})

describe('motia run with a bad number in the environment', () => {
  it.each([
    ['PORT', 'abc', 'Expected a port between 0 and 65535, got `abc`.'],
    ['PORT', '99999', 'Expected a port between 0 and 65535, got `99999`.'],
    ['MOTIA_PYTHON_WORKERS', 'two', 'Expected a positive integer, got `two`.'],
    ['MOTIA_RETRY_BASE_MS', '1s', 'Expected an integer >= 0, got `1s`.'],
  ])('refuses %s=%s, naming the variable', async (name, value, expected) => {
    const project = copyFixture('basic')
    const result = await motiaCli(['run', '--project', project, '--memory', '--host', '127.0.0.1'], { [name]: value })
    expect(result.exitCode).toBe(1)
    expect(result.stderr.trim()).toBe(`motia: Environment variable ${name}: ${expected}`)
  })
})
