import { useEffect, useState } from 'preact/hooks'
import { type Draft, initialDraft } from '../endpoints/draft.js'
import { EndpointList } from '../endpoints/endpoint-list.js'
import { type Endpoint, fetchEndpoints } from '../endpoints/openapi.js'
import { RequestEditor } from '../endpoints/request-editor.js'
import { ResponsePanel } from '../endpoints/response-panel.js'
import { sendRequest, type TestResponse } from '../endpoints/send-request.js'
import '../endpoints/endpoints.css'

type Outcome = { response: TestResponse } | { error: string }

// `#/endpoints/POST%20%2Fgreetings` opens that endpoint: a link other views (a flow's API node) can give.
const HASH_PREFIX = '#/endpoints/'

function endpointInHash(): string | undefined {
  return location.hash.startsWith(HASH_PREFIX) ? decodeURIComponent(location.hash.slice(HASH_PREFIX.length)) : undefined
}

/** The endpoint tester: every API step from the app's OpenAPI document, and a request built from its schemas. */
export function EndpointsView() {
  const [endpoints, setEndpoints] = useState<Endpoint[] | undefined>()
  const [loadError, setLoadError] = useState<string | undefined>()
  const [selected, setSelected] = useState<string | undefined>(endpointInHash)
  const [drafts, setDrafts] = useState<Record<string, Draft>>({})
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({})
  const [sending, setSending] = useState(false)

  useEffect(() => {
    fetchEndpoints().then(
      (list) => {
        setEndpoints(list)
        setSelected((current) => (current !== undefined && list.some((endpoint) => endpoint.id === current) ? current : list[0]?.id))
      },
      (error: Error) => setLoadError(`Could not read /__motia/openapi.json: ${error.message}`),
    )
    const onHash = () => setSelected((current) => endpointInHash() ?? current)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  const select = (id: string) => {
    setSelected(id)
    history.replaceState(null, '', `${HASH_PREFIX}${encodeURIComponent(id)}`)
  }

  const endpoint = endpoints?.find((candidate) => candidate.id === selected)
  const draft = endpoint ? (drafts[endpoint.id] ?? initialDraft(endpoint)) : undefined
  const outcome = endpoint ? outcomes[endpoint.id] : undefined

  const send = async () => {
    if (!endpoint || !draft) return
    setSending(true)
    const request = { method: endpoint.method, path: endpoint.path, pathParams: draft.pathParams, query: draft.query, headers: draft.headers, body: draft.body }
    const result: Outcome = await sendRequest(request).then(
      (response) => ({ response }),
      (error: Error) => ({ error: `The request failed: ${error.message}` }),
    )
    setOutcomes((all) => ({ ...all, [endpoint.id]: result }))
    setSending(false)
  }

  return (
    <section class="view ep-view" data-view="endpoints">
      <aside class="ep-side">
        {loadError && <p class="ep-error">{loadError}</p>}
        {endpoints === undefined && !loadError && <p class="ep-empty">Loading…</p>}
        {endpoints && <EndpointList endpoints={endpoints} selected={selected} onSelect={select} />}
      </aside>
      <div class="ep-main">
        {endpoint && draft && (
          <RequestEditor endpoint={endpoint} draft={draft} sending={sending} onSend={send} onChange={(next) => setDrafts((all) => ({ ...all, [endpoint.id]: next }))} />
        )}
        {outcome && 'response' in outcome && <ResponsePanel response={outcome.response} />}
        {outcome && 'error' in outcome && (
          <p class="ep-error" data-send-error>
            {outcome.error}
          </p>
        )}
      </div>
    </section>
  )
}
