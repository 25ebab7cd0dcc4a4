// The flow graph as data (reference §7): one Flow per name in any step's `flows`, edges by topic.
import { existsSync } from 'node:fs'
import type { Emit, JsonSchema } from '../types.js'
import type { Step, StepLanguage, StepType } from './step.js'

export { topicWarnings } from './topic-warnings.js'

export interface FlowEdge {
  /** `<source>-><target>:<topic>`, with `:virtual` for virtual edges: unique even when two topics link one pair. */
  id: string
  source: string
  target: string
  data: { variant: 'event' | 'virtual'; topic: string; label?: string; labelVariant: 'default' | 'conditional' }
}

export interface FlowStep {
  /** The step name (unique in a project). */
  id: string
  name: string
  type: StepType
  description?: string
  subscribes?: string[]
  emits: Emit[]
  virtualEmits?: Emit[]
  virtualSubscribes?: string[]
  language: StepLanguage
  /** Relative to the project root. */
  filePath: string
  /** A sibling `.tsx`/`.jsx` that draws the node, relative to the project root. */
  nodeComponentPath?: string
  action?: 'webhook'
  webhookUrl?: string
  bodySchema?: JsonSchema | null
  cronExpression?: string
}

export interface Flow {
  id: string
  name: string
  steps: FlowStep[]
  edges: FlowEdge[]
}

/** Flows sorted by name; steps keep the order they were given in. Steps without `flows` are in none. */
export function buildFlows(steps: readonly Step[]): Flow[] {
  const names = [...new Set(steps.flatMap((step) => step.config.flows ?? []))].sort()
  return names.map((name) => {
    const members = steps.filter((step) => step.config.flows?.includes(name))
    return { id: name, name, steps: members.map(toFlowStep), edges: edgesWithin(members) }
  })
}

function toFlowStep(step: Step): FlowStep {
  const { config } = step
  const node: FlowStep = {
    id: step.name,
    name: step.name,
    type: step.type,
    description: config.description,
    subscribes: step.type === 'event' ? config.subscribes : config.virtualSubscribes,
    emits: step.type === 'noop' ? [] : (config.emits ?? []),
    virtualEmits: config.virtualEmits,
    virtualSubscribes: config.virtualSubscribes,
    language: step.language,
    filePath: step.relativePath,
    nodeComponentPath: nodeComponent(step),
  }
  if (step.type === 'api') {
    node.action = 'webhook'
    node.webhookUrl = `${config.method} ${config.path}`
    node.bodySchema = config.bodySchema ?? null
  }
  if (step.type === 'cron') node.cronExpression = config.cron
  return node
}

function edgesWithin(members: Step[]): FlowEdge[] {
  const edges = new Map<string, FlowEdge>()
  for (const source of members) {
    const outgoing: [Emit, 'event' | 'virtual'][] = [
      ...(source.type === 'noop' ? [] : (source.config.emits ?? [])).map((e): [Emit, 'event'] => [e, 'event']),
      ...(source.config.virtualEmits ?? []).map((e): [Emit, 'virtual'] => [e, 'virtual']),
    ]
    for (const [emit, variant] of outgoing) {
      const { topic, label, conditional } = typeof emit === 'string' ? { topic: emit, label: undefined, conditional: false } : emit
      for (const target of members) {
        if (!listensTo(target, topic)) continue
        const id = `${source.name}->${target.name}:${topic}${variant === 'virtual' ? ':virtual' : ''}`
        if (edges.has(id)) continue
        const data: FlowEdge['data'] = { variant, topic, labelVariant: conditional ? 'conditional' : 'default' }
        if (label !== undefined) data.label = label
        edges.set(id, { id, source: source.name, target: target.name, data })
      }
    }
  }
  return [...edges.values()]
}

// Motia v0.x draws an edge to a step that subscribes for real or virtually.
function listensTo(step: Step, topic: string): boolean {
  return (step.type === 'event' && (step.config.subscribes ?? []).includes(topic)) || (step.config.virtualSubscribes ?? []).includes(topic)
}

// `a.step.ts` -> `a.step.tsx` or `a.step.jsx`, as Motia v0.x's workbench looked for UI overrides.
function nodeComponent(step: Step): string | undefined {
  const base = step.filePath.replace(/\.[^./\\]+$/, '')
  const relBase = step.relativePath.replace(/\.[^./]+$/, '')
  for (const ext of ['.tsx', '.jsx']) if (existsSync(base + ext)) return relBase + ext
  return undefined
}
