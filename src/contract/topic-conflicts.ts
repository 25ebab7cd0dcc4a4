// Topics whose subscribers' schemas contradict: no event could reach them all, so the app refuses to
// start (`motia run`, `dev`, the test kit) and `motia check` reports them as errors.
import type { StepProblem } from '../errors.js'
import type { Step } from '../project/step.js'
import { buildContract } from './build-contract.js'
import type { ProjectContract } from './contract.js'

/** One problem per contradicting topic, filed under the first of the two steps. */
export function topicConflicts(contract: ProjectContract): StepProblem[] {
  const fileOf = new Map(contract.steps.map((step) => [step.name, step.file]))
  return contract.topics.flatMap(({ payload }) =>
    payload.kind === 'conflict' ? [{ filePath: fileOf.get(payload.steps[0] ?? '') ?? '', message: payload.message }] : [],
  )
}

/** The same, from loaded steps. */
export function topicConflictsOf(steps: readonly Step[]): StepProblem[] {
  return topicConflicts(buildContract(steps, []))
}
