// `#/flows/<flow>`: the flow graph of each flow, with a selector (the default view).
import { useEffect, useState } from 'preact/hooks'
import { fetchFlows, fetchLayout } from '../flows/api.js'
import { FlowGraph } from '../flows/flow-graph.js'
import type { Flow, FlowLayout } from '../flows/types.js'
import '../flows/flows.css'
import { useReloadGeneration } from '../shell/reload.js'

function flowIdInHash(): string | undefined {
  const [view, id] = location.hash.replace(/^#\/?/, '').split('/')
  return view === 'flows' && id ? decodeURIComponent(id) : undefined
}

export function FlowsView() {
  const generation = useReloadGeneration()
  const [flows, setFlows] = useState<Flow[]>()
  const [error, setError] = useState<string>()
  const [selected, setSelected] = useState(flowIdInHash)
  const [layout, setLayout] = useState<{ flowId: string; saved: FlowLayout; note?: string }>()
  const [saveError, setSaveError] = useState<string>()

  useEffect(() => {
    fetchFlows().then(setFlows, (failure: Error) => setError(failure.message))
  }, [generation])

  useEffect(() => {
    const onHash = () => setSelected(flowIdInHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  const flow = flows?.find((candidate) => candidate.id === selected) ?? flows?.[0]

  useEffect(() => {
    if (!flow) return
    // An unreadable motia-workbench.json (409) leaves the automatic layout, and says why.
    fetchLayout(flow.id).then(
      (saved) => setLayout({ flowId: flow.id, saved }),
      (failure: Error) => setLayout({ flowId: flow.id, saved: {}, note: failure.message }),
    )
  }, [flow?.id, generation])

  if (error) return <div class="flow-message">Could not read the flows: {error}</div>
  if (!flows) return <div class="flow-message">Loading flows…</div>
  if (!flow) {
    return (
      <section class="view" data-view="flows">
        <p class="muted">No flows yet: a step joins a flow with <code>flows: ['my-flow']</code> in its config.</p>
      </section>
    )
  }
  return (
    <section class="flows-view" data-view="flows">
      <div class="toolbar">
        <label>
          Flow
          <select data-flow-select value={flow.id} onChange={(event) => (location.hash = `#/flows/${encodeURIComponent((event.currentTarget as HTMLSelectElement).value)}`)}>
            {flows.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} ({candidate.steps.length})
              </option>
            ))}
          </select>
        </label>
        <span class="muted">Drag a node to move it (saved in motia-workbench.json); drag the background to pan, scroll to zoom.</span>
        {layout?.note && <span class="save-error">{layout.note}</span>}
        {saveError && <span class="save-error">{saveError}</span>}
      </div>
      {layout?.flowId === flow.id && <FlowGraph key={flow.id} flow={flow} saved={layout.saved} onSaveError={setSaveError} />}
    </section>
  )
}
