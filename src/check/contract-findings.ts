// What the contract says about topics: contradicting subscribers (errors), topics that lead nowhere (warnings).
import type { ProjectContract } from '../contract/contract.js'
import { topicConflicts } from '../contract/topic-conflicts.js'
import type { Step } from '../project/step.js'
import { topicWarnings } from '../project/topic-warnings.js'
import type { Finding } from './finding.js'

export function contractFindings(contract: ProjectContract, steps: readonly Step[]): { errors: Finding[]; warnings: Finding[] } {
  return {
    errors: topicConflicts(contract).map(({ message }) => ({ code: 'topic-conflict', message })),
    warnings: topicWarnings(steps).map((message) => ({ code: 'unconnected-topic', message })),
  }
}
