import { useState } from 'preact/hooks'
import { JsonBlock, jsonType } from '../data/json-block.js'
import { JsonEditor } from '../data/json-editor.js'
import { type StateEntry, stateApi } from './state-api.js'

/** One key of a group: its value as JSON, edited in place or deleted. */
export function StateEntryCard({ groupId, entry, onChanged }: { groupId: string; entry: StateEntry; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const remove = async () => {
    try {
      await stateApi.delete(groupId, entry.key)
      await onChanged()
    } catch (error) {
      setFailure((error as Error).message)
    }
  }
  return (
    <div class="card" data-state-key={entry.key}>
      <div class="card-head">
        <span class="name">{entry.key}</span>
        <span class="badge">{jsonType(entry.value)}</span>
        <span class="spacer" />
        {!editing && (
          <button type="button" class="btn" data-action="edit" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <button type="button" class="btn danger" data-action="delete" onClick={remove}>
          Delete
        </button>
      </div>
      {failure && <p class="problem">{failure}</p>}
      {editing ? (
        <JsonEditor
          initial={JSON.stringify(entry.value, null, 2)}
          onCancel={() => setEditing(false)}
          onSave={async (value) => {
            await stateApi.set(groupId, entry.key, value)
            await onChanged()
            setEditing(false)
          }}
        />
      ) : (
        <JsonBlock value={entry.value} label="value" />
      )}
    </div>
  )
}
