import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generatedFiles, writeGeneratedFiles } from '../../src/typegen/index.js'
import { contract } from './typescript/contract-fixture.js'

describe('writeGeneratedFiles', () => {
  it('writes the files that changed, returns their paths, and leaves the others untouched', async () => {
    const root = mkdtempSync(join(tmpdir(), 'motia-typegen-'))
    const [types] = generatedFiles(contract)
    expect(generatedFiles(contract).map((file) => file.path)).toEqual(['types.d.ts', 'motia_types.py'])

    expect(await writeGeneratedFiles(root, contract)).toEqual(['types.d.ts', 'motia_types.py'])
    expect(readFileSync(join(root, 'types.d.ts'), 'utf8')).toBe(types!.content)
    const writtenAt = statSync(join(root, 'types.d.ts')).mtimeMs

    expect(await writeGeneratedFiles(root, contract)).toEqual([])
    expect(statSync(join(root, 'types.d.ts')).mtimeMs).toBe(writtenAt)

    writeFileSync(join(root, 'types.d.ts'), 'edited by hand')
    expect(await writeGeneratedFiles(root, contract)).toEqual(['types.d.ts'])
    expect(readFileSync(join(root, 'types.d.ts'), 'utf8')).toBe(types!.content)
  })

  it('leaves motia_types.py out of a project without Python steps or streams', () => {
    const typescriptOnly = {
      ...contract,
      steps: contract.steps.filter((step) => step.language !== 'python'),
      streams: contract.streams.filter((stream) => stream.language !== 'python'),
    }
    expect(generatedFiles(typescriptOnly).map((file) => file.path)).toEqual(['types.d.ts'])
  })
})
