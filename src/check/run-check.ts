// `motia check`: every finding about a project, without starting it.
import { extname } from 'node:path'
import { buildContract } from '../contract/build-contract.js'
import { discoverStepFiles } from '../project/discover.js'
import { generatedFiles } from '../typegen/index.js'
import { contractFindings } from './contract-findings.js'
import { addFindings, type Findings, noFindings } from './finding.js'
import { loadForCheck } from './load-for-check.js'
import { staleGeneratedFiles } from './stale-generated-files.js'
import { typecheckPython } from './typecheck-python.js'
import { typecheckTypeScript } from './typecheck-typescript.js'

export interface CheckOptions {
  env: NodeJS.ProcessEnv
  /** Run tsc and mypy when the project has them. Default true. */
  typecheck?: boolean
}

/**
 * Loads the project as `motia run` would and reports what would stop it (errors) or what looks wrong
 * (warnings); then, unless `typecheck` is false, the project's tsc and mypy diagnostics as errors.
 * A project that does not load gives its load errors, and the type checks still run.
 */
export async function runCheck(root: string, options: CheckOptions): Promise<Findings> {
  const findings = noFindings()
  const loaded = await loadForCheck(root, options.env)
  addFindings(findings, loaded)
  if (loaded.project) {
    const contract = buildContract(loaded.project.steps, loaded.project.streams)
    addFindings(findings, contractFindings(contract, loaded.project.steps))
    addFindings(findings, await staleGeneratedFiles(root, generatedFiles(contract)))
  }
  if (options.typecheck !== false) {
    const files = await discoverStepFiles(root)
    const typeScript = files.some((file) => /^\.[cm]?ts$/.test(extname(file)))
    const [ts, python] = await Promise.all([
      typecheckTypeScript(root, typeScript),
      typecheckPython(
        root,
        options.env,
        files.filter((file) => extname(file) === '.py'),
      ),
    ])
    addFindings(findings, ts)
    addFindings(findings, python)
  }
  return findings
}
