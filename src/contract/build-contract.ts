// Steps and streams as loaded -> the project's contract (contract.ts).
import { toPathTemplate } from '../openapi/path-template.js'
import type { Step } from '../project/step.js'
import type { StreamDefinition } from '../streams/stream-definition.js'
import type { ContractStep, ContractStream, ContractTopic, ProjectContract } from './contract.js'
import { topicPayload } from './topic-payload.js'

/** Deterministic: the same steps give the same contract, whatever order they were loaded in. */
export function buildContract(steps: readonly Step[], streams: readonly StreamDefinition[]): ProjectContract {
  const contractSteps = steps.map(contractStep).sort(byName)
  return {
    steps: contractSteps,
    topics: contractTopics(contractSteps),
    streams: streams.map(contractStream).sort(byName),
  }
}

function contractStep(step: Step): ContractStep {
  const { config } = step
  const base: ContractStep = {
    name: step.name,
    type: step.type,
    language: step.language,
    file: step.relativePath,
    flows: config.flows ?? [],
    emits: [...step.emitTopics].sort(),
  }
  if (step.type === 'event') {
    return {
      ...base,
      subscribes: config.subscribes ?? [],
      ...(config.input ? { input: config.input } : {}),
      fifo: config.infrastructure?.queue?.type === 'fifo',
    }
  }
  if (step.type === 'api' && config.path && config.method) {
    return {
      ...base,
      api: {
        method: config.method,
        path: config.path,
        pathParams: toPathTemplate(config.path).params,
        queryParams: config.queryParams ?? [],
        ...(config.bodySchema ? { body: config.bodySchema } : {}),
        responses: config.responseSchema ?? {},
      },
    }
  }
  if (step.type === 'cron' && config.cron !== undefined) return { ...base, cron: config.cron }
  return base
}

function contractTopics(steps: readonly ContractStep[]): ContractTopic[] {
  const topics = new Map<string, { emitters: ContractStep[]; subscribers: ContractStep[] }>()
  const entry = (topic: string) => {
    let found = topics.get(topic)
    if (!found) topics.set(topic, (found = { emitters: [], subscribers: [] }))
    return found
  }
  for (const step of steps) {
    if (step.type !== 'noop') for (const topic of step.emits) entry(topic).emitters.push(step)
    for (const topic of step.subscribes ?? []) entry(topic).subscribers.push(step)
  }
  return [...topics.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([topic, { emitters, subscribers }]) => ({
      topic,
      emitters: emitters.map((step) => step.name),
      subscribers: subscribers.map((step) => step.name),
      fifo: subscribers.some((step) => step.fifo === true),
      payload: topicPayload(
        topic,
        subscribers.flatMap((step) => (step.input ? [{ step: step.name, file: step.file, input: step.input }] : [])),
      ),
    }))
}

function contractStream(stream: StreamDefinition): ContractStream {
  return {
    name: stream.name,
    file: stream.relativePath,
    language: stream.language,
    ...(stream.schema ? { schema: stream.schema } : {}),
  }
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
