// Finds and loads the project's motia.config.ts / .js with tsx, as Motia v0.x did with jiti.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MotiaError } from '../errors.js'
import { describeImportError, needsEsm } from '../languages/node/import-step.js'
import { userModulesReady } from '../languages/user-modules.js'
import type { MotiaConfig } from '../types.js'
import { registerEsmModuleAliases, registerModuleAliases } from './module-aliases.js'
import { checkConfig } from './check-config.js'

const CONFIG_FILES = ['motia.config.ts', 'motia.config.js', 'motia.config.mts', 'motia.config.mjs', 'motia.config.cts', 'motia.config.cjs']

export interface LoadedConfig {
  config: MotiaConfig
  /** Top-level keys motia does not know (typos, or options of a later Motia version). */
  unknownKeys: string[]
  /** The file it came from, relative to the project (for messages). */
  fileName: string
}

/**
 * The project's config, or undefined when it has none. A config that fails to load (syntax, type or
 * runtime error) or has a wrong shape throws E_BAD_OPTION naming the file and line.
 */
export async function loadProjectConfig(root: string): Promise<LoadedConfig | undefined> {
  const fileName = CONFIG_FILES.find((name) => existsSync(join(root, name)))
  if (fileName === undefined) return undefined
  registerModuleAliases()
  const filePath = join(root, fileName)
  let exported: unknown
  try {
    exported = await loadModule(filePath)
  } catch (error) {
    const { message, line } = describeImportError(error, filePath)
    throw new MotiaError('E_BAD_OPTION', `${fileName}${line === undefined ? '' : `:${line}`}: could not be loaded: ${message}`, { retryable: false })
  }
  return { ...checkConfig(exported, fileName), fileName }
}

// As CommonJS first, so that `require(...)` and `__dirname` work in a TypeScript config (v0.x's jiti
// allowed them); as ESM when the file needs it (`.mjs`, top-level await).
async function loadModule(filePath: string): Promise<unknown> {
  if (!/\.m[jt]s$/.test(filePath)) {
    await userModulesReady('commonjs')
    // Imported here: a project without a config never loads tsx's CommonJS API for it.
    const { require: tsxRequire } = await import('tsx/cjs/api')
    try {
      return defaultExport(tsxRequire(filePath, pathToFileURL(filePath).href))
    } catch (error) {
      if (!needsEsm(error)) throw error
    }
  }
  await userModulesReady('module')
  registerEsmModuleAliases()
  return defaultExport(await import(pathToFileURL(filePath).href))
}

function defaultExport(module: unknown): unknown {
  if (module !== null && typeof module === 'object' && 'default' in module) return (module as { default: unknown }).default
  return module
}

