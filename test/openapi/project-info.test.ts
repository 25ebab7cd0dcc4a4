import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectInfo } from '../../src/openapi/index.js'

function project(packageJson?: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'openapi-info-')), 'my-shop')
  mkdirSync(dir)
  if (packageJson !== undefined) writeFileSync(join(dir, 'package.json'), packageJson)
  return dir
}

describe('projectInfo', () => {
  it('takes the name and version of package.json', async () => {
    expect(await projectInfo(project('{"name":"@acme/shop","version":"2.1.0"}'))).toEqual({ title: '@acme/shop', version: '2.1.0' })
  })

  it('falls back to the folder name and 0.0.0 when package.json is missing, unreadable or incomplete', async () => {
    for (const packageJson of [undefined, '{ not json', '"a string"', '{"name":"","version":7}']) {
      expect(await projectInfo(project(packageJson))).toEqual({ title: 'my-shop', version: '0.0.0' })
    }
  })
})
