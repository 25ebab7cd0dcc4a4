import { useState } from 'preact/hooks'
import './data.css'

type Parsed = { ok: true; value: unknown } | { ok: false; message: string }

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, message: (error as Error).message }
  }
}

/**
 * A textarea for one JSON value: the syntax is checked as you type, and Save stays off until it parses.
 * `onSave` gets the parsed value; a failure it throws is shown under the editor.
 */
export function JsonEditor(props: { initial: string; saveLabel?: string; onSave: (value: unknown) => Promise<void>; onCancel?: () => void }) {
  const [text, setText] = useState(props.initial)
  const [saving, setSaving] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const parsed = parse(text)
  const save = async () => {
    if (!parsed.ok) return
    setSaving(true)
    setFailure(undefined)
    try {
      await props.onSave(parsed.value)
    } catch (error) {
      setFailure((error as Error).message)
    } finally {
      setSaving(false)
    }
  }
  return (
    <div class="json-edit">
      <textarea
        class={parsed.ok ? 'json-editor' : 'json-editor invalid'}
        data-json-editor=""
        spellcheck={false}
        value={text}
        onInput={(event) => setText((event.target as HTMLTextAreaElement).value)}
      />
      <p class={parsed.ok ? 'json-status' : 'json-status invalid'} data-json-status={parsed.ok ? 'valid' : 'invalid'}>
        {parsed.ok ? 'Valid JSON' : `Invalid JSON: ${parsed.message}`}
      </p>
      {failure && <p class="problem" data-save-error="">{failure}</p>}
      <div class="actions">
        <button type="button" class="btn primary" data-action="save" disabled={!parsed.ok || saving} onClick={save}>
          {props.saveLabel ?? 'Save'}
        </button>
        {props.onCancel && (
          <button type="button" class="btn" data-action="cancel" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  )
}
