import type { Endpoint } from './openapi.js'

interface Props {
  endpoints: Endpoint[]
  selected: string | undefined
  onSelect: (id: string) => void
}

/** The API endpoints, grouped by nothing: method, path, the step's summary and its flows. */
export function EndpointList({ endpoints, selected, onSelect }: Props) {
  if (endpoints.length === 0) return <p class="ep-empty" data-endpoints-empty>No API steps in this project.</p>
  return (
    <ul class="ep-list">
      {endpoints.map((endpoint) => (
        <li key={endpoint.id}>
          <button type="button" class={endpoint.id === selected ? 'ep-item selected' : 'ep-item'} data-endpoint={endpoint.id} onClick={() => onSelect(endpoint.id)}>
            <span class={`ep-method ep-${endpoint.method.toLowerCase()}`}>{endpoint.method}</span>
            <span class="ep-path">{endpoint.path}</span>
            {endpoint.summary && <span class="ep-summary">{endpoint.summary}</span>}
            {endpoint.flows.length > 0 && (
              <span class="ep-flows">
                {endpoint.flows.map((flow) => (
                  <span key={flow} class="ep-flow" data-flow={flow}>
                    {flow}
                  </span>
                ))}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  )
}
