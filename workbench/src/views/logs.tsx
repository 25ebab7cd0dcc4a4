// `#/logs`: the app's log lines, live, filtered by step, trace and minimum level.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import type { LogFilters } from '../logs/api.js'
import { LogRow } from '../logs/log-row.js'
import '../logs/logs.css'
import { useLiveLogs } from '../logs/use-live-logs.js'

// `#/logs?traceId=<id>&step=<name>&level=<level>`: other views link to the lines of a trace or a step.
function filtersInHash(): LogFilters {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '')
  return { step: query.get('step') ?? '', traceId: query.get('traceId') ?? '', level: query.get('level') ?? '' }
}

export function LogsView() {
  const [filters, setFilters] = useState<LogFilters>(filtersInHash)
  const [follow, setFollow] = useState(true)
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const { lines, error } = useLiveLogs(filters)
  const scroller = useRef<HTMLDivElement>(null)
  const steps = [...new Set(lines.map((line) => line.step).filter((step): step is string => Boolean(step)))].sort()

  // Follow mode: the newest line stays in sight.
  useLayoutEffect(() => {
    if (follow && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight
  }, [lines, follow])
  useEffect(() => setExpanded(new Set()), [filters])

  // What is typed stays a draft until Enter or leaving the field: live lines re-render the view meanwhile,
  // and a controlled input bound to the applied filter would lose the keystrokes.
  const [draft, setDraft] = useState({ step: filters.step, traceId: filters.traceId })
  useEffect(() => setDraft({ step: filters.step, traceId: filters.traceId }), [filters.step, filters.traceId])
  const edit = (key: 'step' | 'traceId') => (event: Event) => setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value })
  const set = (key: keyof LogFilters) => (event: Event) => setFilters({ ...filters, [key]: (event.currentTarget as HTMLInputElement).value })
  const toggle = (seq: number) => setExpanded((current) => (current.has(seq) ? new Set([...current].filter((s) => s !== seq)) : new Set(current).add(seq)))

  return (
    <section class="logs-view" data-view="logs">
      <div class="toolbar">
        <label>
          Step
          <input data-filter="step" list="log-steps" placeholder="any" value={draft.step} onInput={edit('step')} onChange={set('step')} />
          <datalist id="log-steps">
            {steps.map((step) => (
              <option key={step} value={step} />
            ))}
          </datalist>
        </label>
        <label>
          Trace
          <input data-filter="traceId" placeholder="any traceId" size={38} value={draft.traceId} onInput={edit('traceId')} onChange={set('traceId')} />
        </label>
        <label>
          Level
          <select data-filter="level" value={filters.level} onChange={set('level')}>
            <option value="">all</option>
            <option value="debug">debug and above</option>
            <option value="info">info and above</option>
            <option value="warn">warn and above</option>
            <option value="error">error</option>
          </select>
        </label>
        <label>
          <input type="checkbox" data-follow checked={follow} onChange={(event) => setFollow((event.currentTarget as HTMLInputElement).checked)} />
          Follow
        </label>
        {(filters.step || filters.traceId || filters.level) && (
          <button type="button" data-clear-filters onClick={() => setFilters({ step: '', traceId: '', level: '' })}>
            Clear filters
          </button>
        )}
        <span class="muted" data-log-count={lines.length}>
          {lines.length} lines
        </span>
        {error && <span class="save-error">{error}</span>}
      </div>
      <div class="logs-scroll" ref={scroller} onWheel={(event) => event.deltaY < 0 && setFollow(false)}>
        <table class="logs-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Level</th>
              <th>Step</th>
              <th>Trace</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <LogRow key={line.seq} line={line} expanded={expanded.has(line.seq)} onToggle={() => toggle(line.seq)} onStep={(step) => setFilters({ ...filters, step })} />
            ))}
          </tbody>
        </table>
        {lines.length === 0 && <div class="logs-empty">No log lines match yet.</div>}
      </div>
    </section>
  )
}
