// One log line in the table; a click shows the fields it was logged with.
import { fieldsOf, type LogLine } from './api.js'

interface Props {
  line: LogLine
  expanded: boolean
  onToggle: () => void
  onStep: (step: string) => void
}

export function LogRow({ line, expanded, onToggle, onStep }: Props) {
  const fields = fieldsOf(line)
  const hasFields = Object.keys(fields).length > 0
  return (
    <>
      <tr class={`log-row level-${line.level}${hasFields ? ' has-fields' : ''}`} data-log-seq={line.seq} data-level={line.level} data-step={line.step ?? ''} onClick={hasFields ? onToggle : undefined}>
        <td class="log-time" title={line.time}>
          {line.time.slice(11, 23)}
        </td>
        <td>
          <span class="log-level">{line.level}</span>
        </td>
        <td class="log-step">
          {line.step && (
            <button type="button" class="link" title={`Show only ${line.step}`} onClick={(event) => (event.stopPropagation(), onStep(line.step!))}>
              {line.step}
            </button>
          )}
        </td>
        <td class="log-trace">
          {line.traceId && (
            <a href={`#/traces/${encodeURIComponent(line.traceId)}`} title={`Open trace ${line.traceId}`} data-trace-link={line.traceId} onClick={(event) => event.stopPropagation()}>
              {line.traceId.slice(0, 8)}
            </a>
          )}
        </td>
        <td class="log-msg">
          {hasFields && <span class="log-toggle">{expanded ? '▾' : '▸'}</span>}
          {line.msg}
        </td>
      </tr>
      {expanded && hasFields && (
        <tr class="log-fields">
          <td colSpan={5}>
            <pre data-log-fields={line.seq}>{JSON.stringify(fields, null, 2)}</pre>
          </td>
        </tr>
      )}
    </>
  )
}
