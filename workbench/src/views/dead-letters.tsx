// Dead letters: events whose every attempt failed, with the error; replay (one or all) or discard.
import { DeadLetterCard } from '../dead-letters/dead-letter-card.js'
import { deadLettersApi } from '../dead-letters/dead-letters-api.js'
import { usePoll } from '../data/use-poll.js'
import '../data/data.css'
import '../dead-letters/dead-letters.css'

export function DeadLettersView() {
  const letters = usePoll(deadLettersApi.list, 'dlq')
  const replayAll = async () => {
    await deadLettersApi.replayAll()
    await letters.reload()
  }
  const count = letters.data?.length ?? 0
  return (
    <section class="view" data-view="dead-letters">
      <div class="toolbar">
        <h2>Dead letters</h2>
        <span class="badge" data-letter-count={count}>
          {count}
        </span>
        <span class="spacer" />
        <button type="button" class="btn" data-action="replay-all" disabled={count === 0} onClick={replayAll}>
          Replay all
        </button>
      </div>
      <div class="column wide" data-letters="">
        {letters.error && <p class="problem">{letters.error}</p>}
        {letters.data?.length === 0 && <p class="empty">No dead letters: every event was handled (or is still being retried).</p>}
        {letters.data?.map((letter) => <DeadLetterCard key={letter.id} letter={letter} onChanged={letters.reload} />)}
      </div>
    </section>
  )
}
