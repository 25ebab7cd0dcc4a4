// The flow graph's edge geometry (workbench/src/flows/edge-geometry.ts): plain maths, no browser needed.
import { describe, expect, it } from 'vitest'
import { type Box, edgeGeometry } from '../../workbench/src/flows/edge-geometry.js'
import type { FlowEdge } from '../../workbench/src/flows/types.js'

const edge = (source: string, target: string, topic: string): FlowEdge => ({
  id: `${source}->${target}:${topic}`,
  source,
  target,
  data: { variant: 'event', topic, labelVariant: 'default' },
})

describe('edgeGeometry', () => {
  const boxes = new Map<string, Box>([
    ['A', { x: 0, y: 0, width: 200, height: 100 }],
    ['B', { x: 100, y: 300, width: 200, height: 60 }],
  ])

  it('runs from the bottom middle of the source to the top middle of the target, labelled halfway', () => {
    const [only] = edgeGeometry([edge('A', 'B', 't')], boxes)
    expect(only!.path).toBe('M 100 100 C 100 200, 200 200, 200 300')
    expect(only!.label).toEqual({ x: 150, y: 200 })
  })

  it('moves the label of a second topic between the same pair down, and skips an edge with an end not placed', () => {
    const placed = edgeGeometry([edge('A', 'B', 't1'), edge('A', 'B', 't2'), edge('A', 'Missing', 't3')], boxes)
    expect(placed.map((geometry) => [geometry.edge.data.topic, geometry.label])).toEqual([
      ['t1', { x: 150, y: 200 }],
      ['t2', { x: 150, y: 222 }],
    ])
  })
})
