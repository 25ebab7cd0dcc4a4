// The streams viewer: streams, then a stream's groups, then a group's items as JSON, polled every second.
import { useHashPath } from '../data/hash-path.js'
import { JsonBlock } from '../data/json-block.js'
import { usePoll } from '../data/use-poll.js'
import { streamsApi } from '../streams/streams-api.js'
import '../data/data.css'

export function StreamsView() {
  const [[stream, group], select] = useHashPath('streams')
  const streams = usePoll(streamsApi.streams, 'streams')
  const groups = usePoll(stream === undefined ? undefined : () => streamsApi.groups(stream), stream ?? '')
  const items = usePoll(
    stream === undefined || group === undefined ? undefined : () => streamsApi.items(stream, group),
    JSON.stringify([stream, group]),
  )
  return (
    <section class="view" data-view="streams">
      <div class="toolbar">
        <h2>Streams</h2>
        <span class="badge">live</span>
      </div>
      <div class="columns">
        <div class="column" data-streams-list="">
          <h3>Streams</h3>
          {streams.error && <p class="problem">{streams.error}</p>}
          {streams.data?.length === 0 && <p class="empty">This app declares no streams (`*.stream.ts`, `*_stream.py`).</p>}
          {streams.data?.map((summary) => (
            <button type="button" key={summary.name} class={summary.name === stream ? 'pick selected' : 'pick'} data-stream={summary.name} onClick={() => select([summary.name])}>
              <span>{summary.name}</span>
              <span class="count" data-group-count="">{summary.groups}</span>
            </button>
          ))}
        </div>
        <div class="column" data-stream-groups={stream ?? ''}>
          <h3>Groups</h3>
          {stream === undefined && <p class="empty">Pick a stream.</p>}
          {groups.error && <p class="problem">{groups.error}</p>}
          {stream !== undefined && groups.data?.length === 0 && <p class="empty">No items yet.</p>}
          {stream !== undefined &&
            groups.data?.map((groupId) => (
              <button type="button" key={groupId} class={groupId === group ? 'pick selected' : 'pick'} data-stream-group={groupId} onClick={() => select([stream, groupId])}>
                {groupId}
              </button>
            ))}
        </div>
        <div class="column wide" data-stream-items={group ?? ''}>
          <h3>{group === undefined ? 'Items' : `Items of ${group}`}</h3>
          {group === undefined && <p class="empty">Pick a group.</p>}
          {items.error && <p class="problem">{items.error}</p>}
          {group !== undefined && items.data?.length === 0 && <p class="empty">No items in this group.</p>}
          {items.data?.map((item) => (
            <div class="card" key={item.id} data-stream-item={item.id}>
              <div class="card-head">
                <span class="name">{item.id}</span>
              </div>
              <JsonBlock value={item} label="item" />
            </div>
          ))}
        </div>
      </div>
    </section>
  )
}
