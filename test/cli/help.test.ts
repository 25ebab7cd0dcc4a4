import { describe, expect, it } from 'vitest'
import { motiaCli } from '../helpers/motia-process.js'

describe('motia --help', () => {
  it('lists every command, and each command has its own help', async () => {
    const top = await motiaCli(['--help'])
    for (const command of ['run|start', 'dev', 'emit', 'dlq', 'install', 'create', 'generate']) expect(top.stdout).toContain(command)
    const run = await motiaCli(['run', '--help'])
    for (const option of ['--port', '--host', '--memory', '--strict', '--body-limit', '--stream-buffer-limit', '--python-workers']) expect(run.stdout).toContain(option)
    const create = await motiaCli(['create', '--help'])
    for (const option of ['--template', '--skip-install', '--motia', '"my-motia-app"']) expect(create.stdout).toContain(option)
    const replay = await motiaCli(['dlq', 'replay', '--help'])
    expect(replay.stdout).toContain('--all')
    const openapi = await motiaCli(['generate', 'openapi', '--help'])
    for (const option of ['-o, --output', '-t, --title', '-v, --version', '--project', '"openapi.json"']) expect(openapi.stdout).toContain(option)
  })

  it('run and dev name the Redis settings: the --redis flag and the environment variables', async () => {
    for (const command of ['run', 'dev']) {
      const help = (await motiaCli([command, '--help'])).stdout
      expect(help).toContain('--redis <url>')
      expect(help).toMatch(/^ {2}MOTIA_REDIS_URL {10}run on this Redis/m)
      expect(help).toMatch(/^ {2}MOTIA_REDIS_PREFIX {7}prefix of motia's Redis keys/m)
    }
  })

  it('prints its version with -v and --version (a command after it may have its own -v)', async () => {
    for (const flag of ['-v', '--version']) expect((await motiaCli([flag])).stdout).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('rejects a bad option value with a message naming it', async () => {
    const result = await motiaCli(['run', '--port', 'eighty'])
    expect(result.exitCode).not.toBe(0)
    expect(result.stderr).toContain('Expected a port between 0 and 65535, got `eighty`.')
  })

  it('says how to reach a running app when none answers', async () => {
    const result = await motiaCli(['dlq', 'list', '--port', '1'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('No app answers at http://127.0.0.1:1/__motia/dlq: start it with `motia dev`')
  })
})
