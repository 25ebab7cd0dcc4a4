// `GET|POST /__motia/flows/:id/config`: a flow's node positions (Motia v0.x's endpoint, reference §7).
import type { ApiResponse } from '../types.js'
import { checkFlowLayout, WorkbenchFileError } from '../workbench/flow-positions.js'
import type { WorkbenchData } from '../workbench/workbench-data.js'
import type { AdminApi } from './admin.js'
import type { HttpRoute } from './options.js'

export function flowLayoutRoutes(api: AdminApi): HttpRoute[] {
  const workbench = api.workbench
  if (workbench === undefined) return []
  return [
    {
      method: 'GET',
      path: '/__motia/flows/:id/config',
      handle: ({ pathParams: { id } }) => guarded(api, id!, async () => ({ status: 200, body: await workbench.layouts.read(id!) })),
    },
    {
      method: 'POST',
      path: '/__motia/flows/:id/config',
      handle: ({ pathParams: { id }, body }) => guarded(api, id!, () => save(workbench, id!, body)),
    },
  ]
}

async function save(workbench: WorkbenchData, flowId: string, body: unknown): Promise<ApiResponse> {
  const layout = checkFlowLayout(body)
  if (typeof layout === 'string') return { status: 400, body: { error: layout } }
  await workbench.layouts.save(flowId, layout)
  return { status: 200, body: { success: true } }
}

// An unknown flow is a 404 (a typo must not create an entry); a motia-workbench.json we cannot read is a 409, left untouched.
async function guarded(api: AdminApi, flowId: string, serve: () => Promise<ApiResponse>): Promise<ApiResponse> {
  if (!flowIdsOf(api.flows()).includes(flowId)) return { status: 404, body: { error: `No flow named ${JSON.stringify(flowId)}: GET /__motia/flows lists them.` } }
  try {
    return await serve()
  } catch (error) {
    if (error instanceof WorkbenchFileError) return { status: 409, body: { error: error.message } }
    throw error
  }
}

function flowIdsOf(flows: unknown): unknown[] {
  return Array.isArray(flows) ? flows.map((flow: { id?: unknown } | null) => flow?.id) : []
}
