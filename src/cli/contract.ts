import { buildContract } from '../contract/index.js'
import { loadProjectForCommand } from './load-project-for-command.js'

/**
 * `motia contract`: prints the project's ProjectContract as JSON. It is how tools in other languages
 * (the Python test kit first) read what each step emits and what each topic's subscribers accept.
 */
export async function printContract(flags: { project: string }, write: (text: string) => void): Promise<void> {
  const { steps, streams } = await loadProjectForCommand(flags.project)
  write(`${JSON.stringify(buildContract(steps, streams), null, 2)}\n`)
}
