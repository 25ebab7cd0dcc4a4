import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { staleGeneratedFiles } from '../../src/check/index.js'
import { REPO } from '../helpers/motia-process.js'

function project(files: Record<string, string>): string {
  mkdirSync(join(REPO, '.tmp-tests'), { recursive: true })
  const root = mkdtempSync(join(REPO, '.tmp-tests', 'stale-'))
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content)
  return root
}

describe('staleGeneratedFiles', () => {
  const expected = [
    { path: 'types.d.ts', content: 'declare module "motia" {}\n' },
    { path: 'motia_types.py', content: 'from typing import TypedDict\n' },
  ]

  it('finds nothing when every file is as the steps would generate it (line endings aside)', async () => {
    const root = project({ 'types.d.ts': 'declare module "motia" {}\r\n', 'motia_types.py': 'from typing import TypedDict\n' })
    expect(await staleGeneratedFiles(root, expected)).toEqual({ errors: [], warnings: [] })
  })

  it('warns about a missing file and refuses a file that differs, naming it and the fix', async () => {
    const root = project({ 'types.d.ts': 'declare module "motia" { interface Handlers {} }\n' })
    expect(await staleGeneratedFiles(root, expected)).toEqual({
      errors: [
        {
          code: 'generated-file-stale',
          file: 'types.d.ts',
          message: 'stale: it does not match the steps any more. Run motia generate-types and commit the result',
        },
      ],
      warnings: [{ code: 'generated-file-missing', file: 'motia_types.py', message: 'not generated yet: run motia generate-types' }],
    })
  })
})
