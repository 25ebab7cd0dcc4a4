// One step of the flow graph: its type, language, name, description and what triggers it.
import type { Ref } from 'preact'
import type { Emit, FlowStep, Point } from './types.js'

const LANGUAGES: Record<string, string> = { typescript: 'TS', javascript: 'JS', python: 'PY', ruby: 'RB' }

interface Props {
  step: FlowStep
  position: Point | undefined
  nodeRef: Ref<HTMLDivElement>
  onPointerDown: (event: PointerEvent) => void
}

export function FlowNode({ step, position, nodeRef, onPointerDown }: Props) {
  const style = position ? { left: `${position.x}px`, top: `${position.y}px` } : { left: '0px', top: '0px', visibility: 'hidden' }
  return (
    <div
      ref={nodeRef}
      class={`flow-node type-${step.type}`}
      style={style}
      data-node={step.name}
      data-type={step.type}
      data-language={step.language}
      data-x={position ? Math.round(position.x) : undefined}
      data-y={position ? Math.round(position.y) : undefined}
      data-custom-node={step.nodeComponentPath}
      onPointerDown={onPointerDown}
    >
      <div class="node-head">
        <span class="node-type">{step.type}</span>
        <span class="node-name" title={step.filePath}>
          {step.name}
        </span>
        <span class={`node-lang lang-${step.language}`}>{LANGUAGES[step.language] ?? step.language}</span>
      </div>
      {step.nodeComponentPath && <CustomNodeNote path={step.nodeComponentPath} />}
      {step.description && <div class="node-description">{step.description}</div>}
      <Trigger step={step} />
      <Topics label="emits" topics={[...step.emits, ...(step.virtualEmits ?? [])].map(topicOf)} />
    </div>
  )
}

function Trigger({ step }: { step: FlowStep }) {
  if (step.type === 'api' && step.webhookUrl) return <div class="node-trigger">{step.webhookUrl}</div>
  if (step.type === 'cron' && step.cronExpression) return <div class="node-trigger">cron {step.cronExpression}</div>
  if (step.type === 'event') return <Topics label="subscribes" topics={step.subscribes ?? []} />
  return null
}

function Topics({ label, topics }: { label: string; topics: string[] }) {
  if (topics.length === 0) return null
  return (
    <div class="node-topics">
      <span class="muted">{label}</span> {topics.join(', ')}
    </div>
  )
}

// Motia v0.x drew `*.step.tsx` components as the node; running a project's React code in the Workbench
// is not supported, so the default node stands in, and says so.
function CustomNodeNote({ path }: { path: string }) {
  const why = `${path} draws this node in Motia v0.x. The Workbench does not run custom node components (they are React code built for v0.x's UI), so it shows the default node.`
  return (
    <span class="node-custom" title={why} data-custom-note>
      custom node not rendered
    </span>
  )
}

function topicOf(emit: Emit): string {
  return typeof emit === 'string' ? emit : emit.topic
}
