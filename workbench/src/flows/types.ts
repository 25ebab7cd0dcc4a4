// `GET /__motia/flows` (src/project/flows.ts) and `GET /__motia/flows/:id/config` (src/workbench/flow-positions.ts),
// repeated here because the Workbench is bundled apart from the core.

export type Emit = string | { topic: string; label?: string; conditional?: boolean }

export interface FlowStep {
  id: string
  name: string
  type: 'api' | 'event' | 'cron' | 'noop'
  description?: string
  subscribes?: string[]
  emits: Emit[]
  virtualEmits?: Emit[]
  virtualSubscribes?: string[]
  language: string
  /** Relative to the project root: the key of the step's position in motia-workbench.json. */
  filePath: string
  nodeComponentPath?: string
  webhookUrl?: string
  cronExpression?: string
}

export interface FlowEdge {
  id: string
  source: string
  target: string
  data: { variant: 'event' | 'virtual'; topic: string; label?: string; labelVariant: 'default' | 'conditional' }
}

export interface Flow {
  id: string
  name: string
  steps: FlowStep[]
  edges: FlowEdge[]
}

export interface Point {
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

/** A flow's saved positions, by step file path (Motia v0.x's motia-workbench.json). */
export type FlowLayout = Record<string, Point & { sourceHandlePosition?: string }>
