import type { Logger } from '../types.js'
import type { Step } from '../project/step.js'
import type { StreamDefinition } from '../streams/stream-definition.js'

/**
 * `motia dev` at start: writes the generated files (types.d.ts, ...) whose content changed, one info
 * line per file. A failure is one warning: stale types must not stop the app.
 */
export async function refreshGeneratedFiles(root: string, steps: readonly Step[], streams: readonly StreamDefinition[], logger: Logger): Promise<void> {
  try {
    // Loaded here, not with serve.ts: `motia run` never needs the generators.
    const [{ buildContract }, { writeGeneratedFiles }] = await Promise.all([import('../contract/index.js'), import('../typegen/index.js')])
    for (const path of await writeGeneratedFiles(root, buildContract(steps, streams))) logger.info(`Wrote ${path}`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    logger.warn(`Could not write the generated types: ${message}. The app starts anyway; fix the cause, then restart or run \`motia generate-types\``)
  }
}

/** `motia dev` before loading: the placeholder `motia_types.py` (typegen/python/first-module.ts); a failure is one warning. */
export async function writeFirstPythonTypesOrWarn(root: string, logger: Logger): Promise<void> {
  try {
    const { writeFirstPythonTypes } = await import('../typegen/python/first-module.js')
    await writeFirstPythonTypes(root)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    logger.warn(`Could not write motia_types.py: ${message}. Python steps that import it may not load; run \`motia generate-types\``)
  }
}
