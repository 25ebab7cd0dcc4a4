import { formatClock, formatDuration, shortLanguage } from './format.js'
import type { TraceSummary } from './trace-api.js'

export function LanguageBadges({ languages }: { languages: readonly string[] }) {
  return (
    <span class="tr-badges">
      {languages.map((language) => (
        <span key={language} class={`tr-badge lang-${language}`} data-language={language}>
          {shortLanguage(language)}
        </span>
      ))}
    </span>
  )
}

/** The recorded traces, newest first; a click opens one (`#/traces/<traceId>`). */
export function TraceList({ traces, selected }: { traces: readonly TraceSummary[]; selected: string | undefined }) {
  if (traces.length === 0) return <p class="tr-empty">No traces yet: call an API step or emit an event, and its trace shows here.</p>
  return (
    <ul class="tr-list" data-trace-list>
      {traces.map((trace) => (
        <li key={trace.traceId}>
          <a
            href={`#/traces/${trace.traceId}`}
            class={trace.traceId === selected ? 'tr-item selected' : 'tr-item'}
            data-trace-id={trace.traceId}
            data-status={trace.status}
          >
            <span class="tr-item-top">
              <span class={`tr-status ${trace.status}`} title={trace.status} />
              <span class="tr-name">{trace.name}</span>
              <span class="tr-duration">{formatDuration(trace.end - trace.start)}</span>
            </span>
            <span class="tr-item-bottom">
              <span class="tr-time">{formatClock(trace.start)}</span>
              <span class="tr-steps">{trace.steps.join(' → ')}</span>
              <LanguageBadges languages={trace.languages} />
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
