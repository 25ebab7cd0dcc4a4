import { readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'

export interface DocumentInfo {
  title: string
  version: string
}

/** The document's `info`: the project's package.json `name` and `version`, else the folder name and 0.0.0. */
export async function projectInfo(root: string): Promise<DocumentInfo> {
  const pkg = await readPackage(join(root, 'package.json'))
  return {
    title: typeof pkg.name === 'string' && pkg.name.length > 0 ? pkg.name : basename(resolve(root)),
    version: typeof pkg.version === 'string' && pkg.version.length > 0 ? pkg.version : '0.0.0',
  }
}

// A missing or unreadable package.json only costs the defaults.
async function readPackage(file: string): Promise<{ name?: unknown; version?: unknown }> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
    return parsed !== null && typeof parsed === 'object' ? parsed : {}
  } catch {
    return {}
  }
}
