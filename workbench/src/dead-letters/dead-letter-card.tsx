import { useState } from 'preact/hooks'
import { JsonBlock } from '../data/json-block.js'
import { type DeadLetter, deadLettersApi } from './dead-letters-api.js'

/** One dead letter: where and why it failed, its data, a link to its trace; replay or discard it. */
export function DeadLetterCard({ letter, onChanged }: { letter: DeadLetter; onChanged: () => Promise<void> }) {
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const act = (action: (id: string) => Promise<unknown>) => async () => {
    setBusy(true)
    setFailure(undefined)
    try {
      await action(letter.id)
      await onChanged()
    } catch (error) {
      setFailure((error as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const { error } = letter
  return (
    <div class="card" data-letter-id={letter.id} data-letter-step={letter.stepName}>
      <div class="card-head">
        <span class="name">{letter.stepName}</span>
        <span class="badge" data-letter-topic="">{letter.topic}</span>
        {letter.messageGroupId !== undefined && <span class="badge">group {letter.messageGroupId}</span>}
        <span class="badge">
          {letter.attempts} attempt{letter.attempts === 1 ? '' : 's'}
        </span>
        <span class="badge" title={new Date(letter.failedAt).toISOString()}>
          failed {new Date(letter.failedAt).toLocaleString()}
        </span>
        <a class="trace-link" href={`#/traces/${encodeURIComponent(letter.traceId)}`} data-trace-link={letter.traceId}>
          trace {letter.traceId}
        </a>
        <span class="spacer" />
        <button type="button" class="btn primary" data-action="replay" disabled={busy} onClick={act(deadLettersApi.replay)}>
          Replay
        </button>
        <button type="button" class="btn danger" data-action="discard" disabled={busy} onClick={act(deadLettersApi.discard)}>
          Discard
        </button>
      </div>
      <p class="letter-error" data-letter-error="">
        <strong>{error.type ?? 'Error'}</strong>
        {error.code && (
          <>
            {' '}
            <span class="badge">{error.code}</span>
          </>
        )}
        : {error.message}
      </p>
      {error.traceback && (
        <details class="letter-traceback">
          <summary>Traceback</summary>
          <pre class="json-block" data-letter-traceback="">
            {error.traceback}
          </pre>
        </details>
      )}
      <JsonBlock value={letter.data} label="data" />
      {failure && <p class="problem">{failure}</p>}
    </div>
  )
}
