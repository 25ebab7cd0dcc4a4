#!/usr/bin/env node
// Fails when a file under src/ imports across a layer boundary it must not cross (static, re-export, dynamic and
// type-only imports alike), naming the file, the import and the rule. `--root <dir>` checks another tree (tests).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/** Each rule: files under `from` never import anything under `to` (paths relative to the root, `/`-separated). */
export const LAYER_RULES = [
  { from: 'src/adapters/', to: 'src/engine/', why: 'adapters store, lease and wake; the engine decides and hands its decisions to adapters as values (src/adapters/delivery-policy.ts)' },
  { from: 'src/languages/', to: 'src/engine/', why: 'a language runs handlers it is given; the engine drives it, never the reverse' },
  { from: 'src/', to: 'src/cli/', except: 'src/cli/', why: 'the CLI is the top layer: nothing below it depends on it' },
  { from: 'src/', to: 'src/testing/', except: 'src/testing/', why: 'the test kit (motia/testing) sits on top of the app, which must not depend on it' },
]

/** Every relative import of every .ts file under `<root>/src`, as `{ file, specifier, target }` paths from root. */
export function listImports(root) {
  const imports = []
  for (const file of sourceFiles(join(root, 'src'))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) continue
      imports.push({ file: posix(relative(root, file)), specifier, target: posix(relative(root, resolve(dirname(file), specifier))) })
    }
  }
  return imports
}

/** The imports that break a rule, each with its message. */
export function checkLayers(root) {
  const violations = []
  for (const { file, specifier, target } of listImports(root)) {
    for (const rule of LAYER_RULES) {
      if (!file.startsWith(rule.from) || (rule.except && file.startsWith(rule.except)) || !target.startsWith(rule.to)) continue
      const scope = rule.except ? `${rule.from} outside ${rule.except}` : rule.from
      violations.push(`${file} imports '${specifier}', but files under ${scope} must not import ${rule.to}: ${rule.why}.`)
    }
  }
  return violations
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path
  }
}

const posix = (path) => path.split(sep).join('/')

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--root')
  const root = at > 0 ? resolve(process.argv[at + 1]) : dirname(dirname(fileURLToPath(import.meta.url)))
  const violations = checkLayers(root)
  for (const line of violations) console.error(`check-layers: ${line}`)
  if (violations.length > 0) process.exit(1)
}
