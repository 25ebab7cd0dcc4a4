// Node positions computed by elkjs's layered algorithm, top to bottom. elkjs is loaded on first use, as
// its own chunk: the other views never download it.
import type { FlowEdge, Point, Size } from './types.js'

export async function autoLayout(nodes: (Size & { id: string })[], edges: FlowEdge[]): Promise<Map<string, Point>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  const ids = new Set(nodes.map((node) => node.id))
  const graph = await new ELK().layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes.map(({ id, width, height }) => ({ id, width, height })),
    edges: edges
      .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
      .map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  })
  return new Map((graph.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]))
}
