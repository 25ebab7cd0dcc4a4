// Writes the step-config validators as standalone JavaScript next to the built config-validators.js,
// so that `motia` does not compile them with Ajv at every start. Run by scripts/build.js on a build.
//   node scripts/compile-config-validators.js <dist dir>
import { Ajv } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const dist = resolve(process.argv[2] ?? 'dist')
const built = await import(pathToFileURL(join(dist, 'project/config-validators.js')).href)
const ajv = new Ajv({ ...built.CONFIG_AJV_OPTIONS, code: { source: true } })
const names = {}
for (const [name, schema] of Object.entries(built.CONFIG_VALIDATOR_SCHEMAS)) {
  ajv.addSchema(schema, name)
  names[name] = name
}
writeFileSync(join(dist, 'project', built.PRECOMPILED_FILE), standaloneCode.default(ajv, names))
