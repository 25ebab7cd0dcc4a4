// One flow drawn: nodes measured, then placed (motia-workbench.json's positions first, elkjs for the
// rest), edges between them; a dragged node is saved back to motia-workbench.json.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import { saveNodePosition } from './api.js'
import { autoLayout } from './auto-layout.js'
import { edgeGeometry } from './edge-geometry.js'
import { EdgeLabels, FlowEdges } from './flow-edges.js'
import { FlowNode } from './flow-node.js'
import type { Flow, FlowLayout, Point, Size } from './types.js'
import { usePanZoom } from './use-pan-zoom.js'

interface Props {
  flow: Flow
  saved: FlowLayout
  onSaveError: (message: string | undefined) => void
}

export function FlowGraph({ flow, saved, onSaveError }: Props) {
  const area = useRef<HTMLDivElement>(null)
  const elements = useRef(new Map<string, HTMLDivElement>())
  const [sizes, setSizes] = useState<Map<string, Size>>()
  const [positions, setPositions] = useState<Map<string, Point>>(new Map())
  const { viewport, onWheel, onBackgroundPointerDown, fitTo } = usePanZoom()

  const fitAll = (placed: Map<string, Point>, measured: Map<string, Size> | undefined) => {
    if (area.current && measured) fitTo(boundsOf(placed, measured), { width: area.current.clientWidth, height: area.current.clientHeight })
  }

  // Measured once drawn: elkjs and the edges need each node's real size.
  useLayoutEffect(() => {
    const measured = new Map<string, Size>()
    for (const step of flow.steps) {
      const element = elements.current.get(step.id)
      if (element) measured.set(step.id, { width: element.offsetWidth, height: element.offsetHeight })
    }
    setSizes(measured)
  }, [flow])

  useEffect(() => {
    if (!sizes) return
    let current = true
    const placeAll = async () => {
      const unsaved = flow.steps.filter((step) => !saved[step.filePath])
      const auto = unsaved.length > 0 ? await autoLayout(flow.steps.map((step) => ({ id: step.id, ...sizes.get(step.id)! })), flow.edges) : new Map<string, Point>()
      if (!current) return
      const placed = new Map<string, Point>()
      for (const step of flow.steps) {
        const position = saved[step.filePath] ?? auto.get(step.id)
        if (position) placed.set(step.id, { x: position.x, y: position.y })
      }
      setPositions(placed)
      fitAll(placed, sizes)
    }
    void placeAll()
    return () => {
      current = false
    }
  }, [sizes, saved])

  const geometry = useMemo(() => {
    const boxes = new Map<string, Point & Size>()
    for (const [id, position] of positions) {
      const size = sizes?.get(id)
      if (size) boxes.set(id, { ...position, ...size })
    }
    return edgeGeometry(flow.edges, boxes)
  }, [flow, positions, sizes])

  const startDrag = (stepId: string, filePath: string) => (event: PointerEvent) => {
    const start = positions.get(stepId)
    if (!start || event.button !== 0) return
    event.stopPropagation()
    const target = event.currentTarget as HTMLElement
    target.setPointerCapture(event.pointerId)
    const origin = { x: event.clientX, y: event.clientY }
    let moved = start
    const move = (next: PointerEvent) => {
      moved = { x: start.x + (next.clientX - origin.x) / viewport.scale, y: start.y + (next.clientY - origin.y) / viewport.scale }
      setPositions((all) => new Map(all).set(stepId, moved))
    }
    const up = () => {
      target.removeEventListener('pointermove', move)
      target.removeEventListener('pointerup', up)
      if (moved === start) return
      saveNodePosition(flow.id, filePath, moved).then(
        () => onSaveError(undefined),
        (error: Error) => onSaveError(`Could not save the position of ${stepId}: ${error.message}`),
      )
    }
    target.addEventListener('pointermove', move)
    target.addEventListener('pointerup', up)
  }

  return (
    <div class="flow-area" ref={area} onWheel={onWheel} onPointerDown={onBackgroundPointerDown} data-flow={flow.id} data-placed={positions.size === flow.steps.length}>
      <div class="flow-layer" style={{ transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.scale})` }}>
        <FlowEdges geometry={geometry} />
        {flow.steps.map((step) => (
          <FlowNode
            key={step.id}
            step={step}
            position={positions.get(step.id)}
            nodeRef={(element: HTMLDivElement | null) => {
              if (element) elements.current.set(step.id, element)
              else elements.current.delete(step.id)
            }}
            onPointerDown={startDrag(step.id, step.filePath)}
          />
        ))}
        <EdgeLabels geometry={geometry} />
      </div>
      <button type="button" class="flow-fit" title="Show the whole flow" onClick={() => fitAll(positions, sizes)} data-fit>
        Fit
      </button>
    </div>
  )
}

function boundsOf(positions: Map<string, Point>, sizes: Map<string, Size>): Point & Size {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [id, { x, y }] of positions) {
    const size = sizes.get(id) ?? { width: 0, height: 0 }
    left = Math.min(left, x)
    top = Math.min(top, y)
    right = Math.max(right, x + size.width)
    bottom = Math.max(bottom, y + size.height)
  }
  return positions.size === 0 ? { x: 0, y: 0, width: 1, height: 1 } : { x: left, y: top, width: right - left, height: bottom - top }
}
