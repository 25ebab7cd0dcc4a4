import { describe, expect, it } from 'vitest'
import { execa } from 'execa'
import { MOTIA_BIN, copyFixture } from '../helpers/motia-process.js'

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
