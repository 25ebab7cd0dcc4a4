import { useState } from 'preact/hooks'
import { JsonEditor } from '../data/json-editor.js'
import { stateApi } from './state-api.js'

/**
 * A new key, in the shown group or any other (a group exists once it holds a key). Remounted per shown
 * group (the `key` prop in views/state.tsx), so the group field starts with it.
 */
export function AddStateEntry({ groupId, onAdded }: { groupId: string; onAdded: (groupId: string) => Promise<void> }) {
  const [group, setGroup] = useState(groupId)
  const [key, setKey] = useState('')
  return (
    <div class="card" data-add-entry="">
      <div class="card-head">
        <span class="name">Add a key</span>
      </div>
      <label class="field">
        <span>Group</span>
        <input data-new-group="" value={group} onInput={(event) => setGroup((event.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>Key</span>
        <input data-new-key="" value={key} onInput={(event) => setKey((event.target as HTMLInputElement).value)} />
      </label>
      <div class="field">
        <span>Value (JSON)</span>
        <JsonEditor
          initial="{}"
          saveLabel="Add"
          onSave={async (value) => {
            if (group === '' || key === '') throw new Error('Give the group and the key a name.')
            await stateApi.set(group, key, value)
            setKey('')
            await onAdded(group)
          }}
        />
      </div>
    </div>
  )
}
