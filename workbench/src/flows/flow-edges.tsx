// The edges of the flow graph, labelled with the topic. Virtual edges are dashed; a conditional emit shows its label.
import type { EdgeGeometry } from './edge-geometry.js'

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
