// Writes Ajv validators that never change as standalone JavaScript into a built dist/, so that `motia`
// does not compile them at every start: the step-config validators (next to config-validators.js)
// and the draft-07 meta-schema's (next to meta-schema.js). Run by scripts/build.js.
//   node scripts/precompile-validators.js <dist dir>
import { Ajv } from 'ajv'
import standaloneCode from 'ajv/dist/standalone/index.js'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const dist = resolve(process.argv[2] ?? 'dist')
const load = (path) => import(pathToFileURL(join(dist, path)).href)

const configs = await load('project/config-validators.js')
const configAjv = new Ajv({ ...configs.CONFIG_AJV_OPTIONS, code: { source: true } })
const names = {}
for (const [name, schema] of Object.entries(configs.CONFIG_VALIDATOR_SCHEMAS)) {
  configAjv.addSchema(schema, name)
  names[name] = name
}
writeFileSync(join(dist, 'project', configs.PRECOMPILED_FILE), standaloneCode.default(configAjv, names))

const [{ AJV_OPTIONS }, meta] = await Promise.all([load('schema/ajv-instances.js'), load('schema/meta-schema.js')])
const metaAjv = new Ajv({ ...AJV_OPTIONS, code: { source: true } })
writeFileSync(join(dist, 'schema', meta.PRECOMPILED_META_FILE), standaloneCode.default(metaAjv, { draft07: meta.DRAFT_07_META }))
