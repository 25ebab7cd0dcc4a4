import type { TestResponse } from './send-request.js'

/** What the app answered: status, duration, headers, the body (pretty when JSON) and the trace link. */
export function ResponsePanel({ response }: { response: TestResponse }) {
  const tone = response.status < 300 ? 'ok' : response.status < 400 ? 'redirect' : 'error'
  return (
    <section class="ep-response" data-response>
      <div class="ep-response-line">
        <span class={`ep-status ${tone}`} data-response-status={response.status}>
          {response.status} {response.statusText}
        </span>
        <span class="ep-duration" data-response-duration>
          {response.durationMs.toFixed(1)} ms
        </span>
        {response.traceId && (
          <a class="ep-trace" href={`#/traces/${encodeURIComponent(response.traceId)}`} data-trace-link={response.traceId}>
            trace {response.traceId}
          </a>
        )}
      </div>
      <details class="ep-headers" data-response-headers>
        <summary>Headers ({response.headers.length})</summary>
        <table>
          <tbody>
            {response.headers.map(([name, value]) => (
              <tr key={name}>
                <th>{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <pre class="ep-body" data-response-body>
        {response.body}
      </pre>
    </section>
  )
}
