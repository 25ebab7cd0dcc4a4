import { getJson, sendJson } from '../api.js'
import type { Flow, FlowLayout, Point } from './types.js'

export const fetchFlows = () => getJson<Flow[]>('/__motia/flows')

const configPath = (flowId: string) => `/__motia/flows/${encodeURIComponent(flowId)}/config`

export const fetchLayout = (flowId: string) => getJson<FlowLayout>(configPath(flowId))

/** Saves one node's position into motia-workbench.json (the server merges it with the others). */
export function saveNodePosition(flowId: string, filePath: string, position: Point): Promise<unknown> {
  return sendJson('POST', configPath(flowId), { [filePath]: { x: Math.round(position.x), y: Math.round(position.y) } })
}
