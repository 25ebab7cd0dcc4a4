// Builds a Step from a config in memory, for tests of what is computed from steps (flows, warnings).
import { NodeLanguage } from '../../src/languages/node/index.js'
import type { Step, StepConfigData } from '../../src/project/step.js'

const runtime = new NodeLanguage()

export function makeStep(config: Record<string, unknown>, relativePath = `steps/${String(config.name)}.step.ts`): Step {
  const data = config as StepConfigData
  return {
    filePath: `/project/${relativePath}`,
    relativePath,
    language: relativePath.endsWith('.py') ? 'python' : 'typescript',
    config: data,
    name: data.name,
    type: data.type,
    emitTopics: new Set((data.emits ?? []).map((e) => (typeof e === 'string' ? e : e.topic))),
    runtime,
  }
}
