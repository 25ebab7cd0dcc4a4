import { formatClock, formatDuration } from './format.js'
import type { Span } from './trace-api.js'

/** Everything about one span: its attributes and the log lines of its invocation. */
export function SpanDetails({ span }: { span: Span }) {
  return (
    <aside class="tr-details" data-span-details={span.spanId}>
      <h3>{span.name}</h3>
      <p class="tr-muted">
        {span.kind} · {formatDuration(span.end - span.start)} · {span.status}
      </p>
      <table class="tr-attributes">
        <tbody>
          {Object.entries(span.attributes).map(([key, value]) => (
            <tr key={key} data-attribute={key}>
              <th>{key}</th>
              <td>{Array.isArray(value) ? value.join(', ') : String(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {span.events && span.events.length > 0 && (
        <>
          <h4>Logs</h4>
          <ol class="tr-logs">
            {span.events.map((event, index) => {
              const { level, message, ...fields } = event.attributes
              return (
                <li key={index} class={`tr-log level-${String(level)}`} data-log-line>
                  <span class="tr-time">{formatClock(event.time)}</span> <span class="tr-level">{String(level)}</span> {String(message)}
                  {Object.keys(fields).length > 0 && <code class="tr-fields">{JSON.stringify(fields)}</code>}
                </li>
              )
            })}
          </ol>
        </>
      )}
    </aside>
  )
}
