// The edges of the flow graph: a curve from the bottom of the emitting step to the top of the subscriber,
// labelled with the topic. Virtual edges are dashed; a conditional emit shows its label.
import type { FlowEdge, Point, Size } from './types.js'

interface Box extends Point, Size {}

export interface EdgeGeometry {
  edge: FlowEdge
  path: string
  label: Point
}

/** Where each edge runs, for the edges whose two ends are placed and measured. */
export function edgeGeometry(edges: FlowEdge[], boxes: Map<string, Box>): EdgeGeometry[] {
  const seenPairs = new Map<string, number>()
  const placed: EdgeGeometry[] = []
  for (const edge of edges) {
    const from = boxes.get(edge.source)
    const to = boxes.get(edge.target)
    if (!from || !to) continue
    // Two topics between one pair: the second label sits lower, so both can be read.
    const pair = `${edge.source}->${edge.target}`
    const nth = seenPairs.get(pair) ?? 0
    seenPairs.set(pair, nth + 1)
    const start = { x: from.x + from.width / 2, y: from.y + from.height }
    const end = { x: to.x + to.width / 2, y: to.y }
    const bend = Math.max(40, Math.abs(end.y - start.y) / 2)
    const path = `M ${start.x} ${start.y} C ${start.x} ${start.y + bend}, ${end.x} ${end.y - bend}, ${end.x} ${end.y}`
    // The middle of this symmetric curve is the middle of its ends.
    placed.push({ edge, path, label: { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 + nth * 22 } })
  }
  return placed
}

export function FlowEdges({ geometry }: { geometry: EdgeGeometry[] }) {
  return (
    <svg class="flow-edges" aria-hidden="true">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
        </marker>
      </defs>
      {geometry.map(({ edge, path }) => (
        <path key={edge.id} d={path} class={`flow-edge ${edge.data.variant}`} marker-end="url(#arrow)" data-edge={edge.id} data-variant={edge.data.variant} />
      ))}
    </svg>
  )
}

export function EdgeLabels({ geometry }: { geometry: EdgeGeometry[] }) {
  return (
    <>
      {geometry.map(({ edge, label }) => (
        <div key={edge.id} class={`edge-label ${edge.data.variant} ${edge.data.labelVariant}`} style={{ left: `${label.x}px`, top: `${label.y}px` }} data-edge-label={edge.id}>
          {edge.data.topic}
          {edge.data.labelVariant === 'conditional' && <span class="edge-condition">if {edge.data.label ?? 'conditional'}</span>}
          {edge.data.labelVariant !== 'conditional' && edge.data.label && <span class="edge-condition">{edge.data.label}</span>}
        </div>
      ))}
    </>
  )
}
