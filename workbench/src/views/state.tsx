// The state browser: groups, then a group's keys with their values as JSON; edit, add and delete.
import { AddStateEntry } from '../state/add-entry.js'
import { StateEntryCard } from '../state/state-entry.js'
import { stateApi } from '../state/state-api.js'
import { useHashPath } from '../data/hash-path.js'
import { usePoll } from '../data/use-poll.js'
import '../data/data.css'

export function StateView() {
  const [[selected], select] = useHashPath('state')
  const groups = usePoll(stateApi.groups, 'groups')
  const entries = usePoll(selected === undefined ? undefined : () => stateApi.entries(selected), selected ?? '')
  const refresh = async () => {
    await Promise.all([groups.reload(), entries.reload()])
  }
  return (
    <section class="view" data-view="state">
      <div class="toolbar">
        <h2>State</h2>
      </div>
      <div class="columns">
        <div class="column" data-state-groups="">
          <h3>Groups</h3>
          {groups.error && <p class="problem">{groups.error}</p>}
          {groups.data?.length === 0 && <p class="empty">No state yet.</p>}
          {groups.data?.map((groupId) => (
            <button type="button" key={groupId} class={groupId === selected ? 'pick selected' : 'pick'} data-state-group={groupId} onClick={() => select([groupId])}>
              {groupId}
            </button>
          ))}
        </div>
        <div class="column wide" data-state-entries={selected ?? ''}>
          <h3>{selected === undefined ? 'Keys' : `Keys of ${selected}`}</h3>
          {entries.error && <p class="problem">{entries.error}</p>}
          {selected === undefined && <p class="empty">Pick a group, or add a key.</p>}
          {selected !== undefined && entries.data?.length === 0 && <p class="empty">No keys in this group.</p>}
          {selected !== undefined &&
            entries.data?.map((entry) => <StateEntryCard key={entry.key} groupId={selected} entry={entry} onChanged={refresh} />)}
          <AddStateEntry
            key={selected ?? ''}
            groupId={selected ?? ''}
            onAdded={async (groupId) => {
              if (groupId !== selected) select([groupId])
              await refresh()
            }}
          />
        </div>
      </div>
    </section>
  )
}
