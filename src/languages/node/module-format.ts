// Whether Node (and tsx) run a user file as CommonJS or as an ES module: `.cts`/`.cjs` and
// `.mts`/`.mjs` say it themselves, `.ts`/`.js` follow the `type` of the nearest package.json (none, or
// no `type`, is CommonJS). Most Motia v0.x projects have no `"type": "module"`.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export type ModuleFormat = 'commonjs' | 'module'

const typeByFolder = new Map<string, ModuleFormat>()

export function moduleFormatOf(filePath: string): ModuleFormat {
  if (/\.c[jt]s$/.test(filePath)) return 'commonjs'
  if (/\.m[jt]s$/.test(filePath)) return 'module'
  return packageTypeAt(dirname(filePath))
}

/** The format of `.ts`/`.js` files in `folder`. */
export function packageTypeAt(folder: string): ModuleFormat {
  const known = typeByFolder.get(folder)
  if (known) return known
  const type = ownPackageType(folder) ?? (dirname(folder) === folder ? 'commonjs' : packageTypeAt(dirname(folder)))
  typeByFolder.set(folder, type)
  return type
}

// Node stops at the first package.json it can read, whatever it holds; one it cannot parse is left
// for Node to report when it loads the file.
function ownPackageType(folder: string): ModuleFormat | undefined {
  let text: string
  try {
    text = readFileSync(join(folder, 'package.json'), 'utf8')
  } catch {
    return undefined
  }
  try {
    return (JSON.parse(text) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs'
  } catch {
    return 'commonjs'
  }
}
