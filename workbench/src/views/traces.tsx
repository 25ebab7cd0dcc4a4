import { useEffect, useState } from 'preact/hooks'
import { SpanDetails } from '../traces/span-details.js'
import { getTrace, listTraces, type TraceDetail, type TraceList as TraceListData } from '../traces/trace-api.js'
import { formatDuration } from '../traces/format.js'
import { LanguageBadges, TraceList } from '../traces/trace-list.js'
import { timeWindow } from '../traces/span-tree.js'
import { Waterfall } from '../traces/waterfall.js'
import '../traces/traces.css'

const POLL_MS = 2000

// `#/traces/<traceId>` opens a trace: a link to it can be shared or bookmarked.
const traceIdOfHash = (): string | undefined => decodeURIComponent(location.hash.replace(/^#\/?/, '').split('/')[1] ?? '') || undefined

/** Polls `load` every POLL_MS while mounted (and again whenever `key` changes). */
function usePolled<T>(load: (() => Promise<T>) | undefined, key: string | undefined): { data: T | undefined; error: string | undefined } {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined }>({ data: undefined, error: undefined })
  useEffect(() => {
    setState({ data: undefined, error: undefined })
    if (!load) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () =>
      load().then(
        (data) => !stopped && setState({ data, error: undefined }),
        (error: unknown) => !stopped && setState((previous) => ({ data: previous.data, error: error instanceof Error ? error.message : String(error) })),
      ).finally(() => {
        if (!stopped) timer = setTimeout(tick, POLL_MS)
      })
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [key])
  return state
}

export function TracesView() {
  const [traceId, setTraceId] = useState(traceIdOfHash)
  const [selectedSpan, setSelectedSpan] = useState<string | undefined>(undefined)
  useEffect(() => {
    const onHash = () => {
      setTraceId(traceIdOfHash())
      setSelectedSpan(undefined)
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  const list = usePolled<TraceListData>(listTraces, 'list')
  const detail = usePolled<TraceDetail>(traceId ? () => getTrace(traceId) : undefined, traceId)

  return (
    <section class="view" data-view="traces">
      <div class="tr-layout">
        <div class="tr-sidebar">
          {list.data?.tracing === 'off' ? <p class="tr-empty" data-tracing-off>{list.data.message}</p> : <TraceList traces={list.data?.traces ?? []} selected={traceId} />}
          {list.error && <p class="tr-empty">Could not load traces: {list.error}</p>}
        </div>
        <div class="tr-main">
          {traceId === undefined && <p class="tr-empty">Pick a trace to see its waterfall.</p>}
          {traceId !== undefined && detail.error && !detail.data && <p class="tr-empty" data-trace-error>{detail.error}</p>}
          {detail.data && <TraceView detail={detail.data} selectedSpan={selectedSpan} onSelect={setSelectedSpan} />}
        </div>
      </div>
    </section>
  )
}

function TraceView({ detail, selectedSpan, onSelect }: { detail: TraceDetail; selectedSpan: string | undefined; onSelect: (spanId: string) => void }) {
  const { spans } = detail
  const window = timeWindow(spans)
  const root = spans.find((span) => span.parentSpanId === undefined) ?? spans[0]
  const languages = [...new Set(spans.filter((span) => span.kind === 'handler').map((span) => String(span.attributes.language)))]
  const failed = spans.some((span) => span.status === 'error')
  const selected = spans.find((span) => span.spanId === selectedSpan)
  return (
    <>
      <div class="tr-header" data-trace={detail.traceId}>
        <h2>{root?.name ?? detail.traceId}</h2>
        <span class="tr-muted">{formatDuration(window.end - window.start)}</span>
        <span class="tr-muted">{spans.length} spans{detail.droppedSpans ? ` (${detail.droppedSpans} dropped)` : ''}</span>
        <span class={`tr-status ${failed ? 'error' : 'ok'}`} />
        <LanguageBadges languages={languages} />
        <code class="tr-muted">{detail.traceId}</code>
      </div>
      <Waterfall spans={spans} selected={selectedSpan} onSelect={onSelect} />
      {selected && <SpanDetails span={selected} />}
    </>
  )
}
