// Where the flow graph's edges run: a curve from the bottom middle of the emitting step to the top middle
// of the subscriber, its label halfway.
import type { FlowEdge, Point, Size } from './types.js'

export interface Box extends Point, Size {}

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
