import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { motiaDependency } from '../../src/cli/create-motia-dependency.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'motia-dependency-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A project that installed motia with `spec` (no package.json when undefined), and motia's folder in it. */
function installedWith(name: string, spec: string | undefined): string {
  const project = path.join(dir, name)
  mkdirSync(path.join(project, 'node_modules/motia'), { recursive: true })
  if (spec !== undefined) writeFileSync(path.join(project, 'package.json'), JSON.stringify({ dependencies: { motia: spec } }))
  return path.join(project, 'node_modules/motia')
}

const version = '0.1.0'

describe('motiaDependency', () => {
  it('points at a clone that runs `motia create`', () => {
    expect(motiaDependency({ packageRoot: path.join(dir, 'src/motia'), version, projectDir: path.join(dir, 'apps/new') })).toBe('file:../../src/motia')
  })

  it('reuses the tarball or folder the installing project named, relative to the new project', () => {
    const fromTarball = installedWith('tarball-user', 'file:../packs/motia-0.1.0.tgz')
    expect(motiaDependency({ packageRoot: fromTarball, version, projectDir: path.join(dir, 'tarball-user/new') })).toBe('file:../../packs/motia-0.1.0.tgz')
    const fromPath = installedWith('path-user', '../motia')
    expect(motiaDependency({ packageRoot: fromPath, version, projectDir: path.join(dir, 'elsewhere') })).toBe('file:../motia')
  })

  it('keeps a git or URL spec as it is', () => {
    const fromGit = installedWith('git-user', 'github:someone/motia#v0.1.0')
    expect(motiaDependency({ packageRoot: fromGit, version, projectDir: path.join(dir, 'x') })).toBe('github:someone/motia#v0.1.0')
  })

  it('falls back to ^version for a registry range or an install with no project (global)', () => {
    expect(motiaDependency({ packageRoot: installedWith('registry-user', '~0.1.0'), version, projectDir: dir })).toBe('^0.1.0')
    expect(motiaDependency({ packageRoot: installedWith('global', undefined), version, projectDir: dir })).toBe('^0.1.0')
  })
})
