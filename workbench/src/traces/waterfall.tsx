import { formatDuration, shortLanguage } from './format.js'
import { spanRows, timeWindow } from './span-tree.js'
import type { Span } from './trace-api.js'

const TICKS = [0, 0.25, 0.5, 0.75, 1]

/**
 * One row per span, indented under its parent, its bar on the trace's time axis. Bars are coloured by
 * kind and, for handlers, by language; queue waits are hatched; a marker shows where the language
 * changes between a handler and the handler above it; log lines are ticks on the handler's bar.
 */
export function Waterfall({ spans, selected, onSelect }: { spans: readonly Span[]; selected: string | undefined; onSelect: (spanId: string) => void }) {
  const rows = spanRows(spans)
  const window = timeWindow(spans)
  const total = window.end - window.start
  const fraction = (time: number) => (time - window.start) / total
  const at = (time: number) => `${(fraction(time) * 100).toFixed(3)}%`
  // The duration goes after the bar, or before it when the bar ends near the right edge.
  const labelPlace = (span: Span) => (fraction(span.end) < 0.8 ? { left: at(span.end) } : { right: `${((1 - fraction(span.start)) * 100).toFixed(3)}%` })
  return (
    <div class="tr-waterfall" data-waterfall>
      <div class="tr-row tr-axis">
        <div class="tr-label" />
        <div class="tr-track">
          {TICKS.map((tick) => (
            <span key={tick} class="tr-tick" style={{ left: `${tick * 100}%` }}>
              {formatDuration(total * tick)}
            </span>
          ))}
        </div>
      </div>
      {rows.map(({ span, depth, language, hop }) => (
        <button
          type="button"
          key={span.spanId}
          class={span.spanId === selected ? 'tr-row selected' : 'tr-row'}
          data-span-id={span.spanId}
          data-span-kind={span.kind}
          data-language={language}
          data-status={span.status}
          onClick={() => onSelect(span.spanId)}
        >
          <span class="tr-label" style={{ paddingLeft: `${8 + depth * 14}px` }} title={span.name}>
            {hop && (
              <span class="tr-hop" data-language-hop={hop} title={`Language changes: ${hop}`}>
                {hop.split('→').map(shortLanguage).join('→')}
              </span>
            )}
            <span class={`tr-kind kind-${span.kind}`}>{span.kind}</span> {span.name}
            {span.attributes.pid !== undefined && <span class="tr-pid" data-pid>pid {String(span.attributes.pid)}</span>}
          </span>
          <span class="tr-track">
            <span
              class={`tr-bar kind-${span.kind}${span.kind === 'handler' && language ? ` lang-${language}` : ''}${span.status === 'error' ? ' error' : ''}`}
              style={{ left: at(span.start), width: `max(2px, ${(((span.end - span.start) / total) * 100).toFixed(3)}%)` }}
            >
              {span.events?.map((event, index) => (
                <span
                  key={index}
                  class="tr-log-tick"
                  data-log-tick
                  title={String(event.attributes.message)}
                  style={{ left: `${clampPercent((event.time - span.start) / Math.max(span.end - span.start, 0.001))}%` }}
                />
              ))}
            </span>
            <span class="tr-bar-label" style={labelPlace(span)}>
              {span.kind === 'queue' ? `waited ${formatDuration(span.end - span.start)}` : formatDuration(span.end - span.start)}
            </span>
          </span>
        </button>
      ))}
    </div>
  )
}

// A line logged after its handler returned (the failure line of a retry) sits at the bar's end.
const clampPercent = (ratio: number): string => (Math.min(1, Math.max(0, ratio)) * 100).toFixed(2)
